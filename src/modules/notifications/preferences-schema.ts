import { integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { userRef } from "../../kit/table-columns.ts";
import { NOTIFICATION_TYPES } from "./schema.ts";

/**
 * A user's choice per notification type: in the app and/or by e-mail. No row means the
 * defaults (in the app, no e-mail). For the `alert` type, `severities` (JSON array) lists
 * the alert severities the user subscribes to; null means the default (critical, high).
 */
export const notificationPreferences = sqliteTable(
  "notification_preferences",
  {
    userId: userRef(),
    type: text("type", { enum: NOTIFICATION_TYPES }).notNull(),
    inApp: integer("in_app", { mode: "boolean" }).notNull(),
    email: integer("email", { mode: "boolean" }).notNull(),
    severities: text("severities", { mode: "json" }).$type<string[]>(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.type] })],
);
