import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { userRowColumns } from "../../kit/table-columns.ts";

/** What a notification is about; preferences are kept per type. */
export const NOTIFICATION_TYPES = [
  "assigned",
  "comment",
  "acknowledgment",
  "alert",
  "overdue",
  "risk",
  "security",
] as const;

/** A notification type. */
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

/** How urgent a notification is. */
export const NOTIFICATION_PRIORITIES = ["low", "normal", "high", "urgent"] as const;

/** A notification priority. */
export type NotificationPriority = (typeof NOTIFICATION_PRIORITIES)[number];

/**
 * In-app notifications, one row per recipient. `link` is a local path (e.g.
 * `/incidents/<id>`); `read_at` is null while unread. Times are Unix ms.
 */
export const notifications = sqliteTable(
  "notifications",
  {
    ...userRowColumns(),
    type: text("type", { enum: NOTIFICATION_TYPES }).notNull(),
    priority: text("priority", { enum: NOTIFICATION_PRIORITIES }).notNull().default("normal"),
    title: text("title").notNull(),
    message: text("message").notNull().default(""),
    link: text("link"),
    createdAt: integer("created_at").notNull(),
    readAt: integer("read_at"),
  },
  (t) => [
    index("notifications_user_idx").on(t.userId, t.createdAt),
    index("notifications_unread_idx").on(t.userId, t.readAt),
  ],
);

/** A notification row. */
export type Notification = typeof notifications.$inferSelect;
