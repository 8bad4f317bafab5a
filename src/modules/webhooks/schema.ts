import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { users } from "../../db/schema/users.ts";

/**
 * Outgoing webhooks (integrations). `secret` is kept as given because it signs every
 * body (HMAC-SHA256); the API and pages only ever show its last characters. `events`
 * is a JSON array of event names (see WEBHOOK_EVENTS); a webhook receives only those.
 */
export const webhooks = sqliteTable("webhooks", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  url: text("url").notNull(),
  secret: text("secret").notNull(),
  events: text("events", { mode: "json" }).$type<string[]>().notNull(),
  enabled: integer("enabled", { mode: "boolean" }).notNull().default(true),
  createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
  createdAt: integer("created_at").notNull(),
  updatedAt: integer("updated_at").notNull(),
});

/** A webhook row. */
export type Webhook = typeof webhooks.$inferSelect;
