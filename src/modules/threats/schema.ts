import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { users } from "../../db/schema/users.ts";

/** What kind of threat an organisation records. */
export const THREAT_CATEGORIES = [
  "adversary",
  "malware",
  "insider",
  "fraud",
  "physical",
  "supply_chain",
  "outage",
  "other",
] as const;

/** A threat's category. */
export type ThreatCategory = (typeof THREAT_CATEGORIES)[number];

/**
 * The organisation's own threats, beside the ATT&CK catalog; the techniques they use are
 * `technique_links` of kind `threat`. Versioned and soft-deleted like every record.
 */
export const threats = sqliteTable(
  "threats",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    category: text("category", { enum: THREAT_CATEGORIES }).notNull(),
    description: text("description").notNull().default(""),
    createdBy: text("created_by").references(() => users.id),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
    version: integer("version").notNull().default(1),
    deletedAt: integer("deleted_at"),
  },
  (t) => [index("threats_list_idx").on(t.deletedAt, t.createdAt, t.id)],
);

/** A threat row. */
export type Threat = typeof threats.$inferSelect;
