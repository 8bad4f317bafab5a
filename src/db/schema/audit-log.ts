import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** Who performed an audited action. */
export const ACTOR_TYPES = ["user", "token", "system"] as const;

/**
 * Append-only record of every state change. Rows are only ever inserted; the
 * product offers no way to edit or delete them. `actor_id` has no foreign key on
 * purpose: the trail must outlive the users it names.
 */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: text("id").primaryKey(),
    at: integer("at").notNull(),
    actorType: text("actor_type", { enum: ACTOR_TYPES }).notNull(),
    actorId: text("actor_id"),
    actorLabel: text("actor_label").notNull(),
    action: text("action").notNull(),
    resourceType: text("resource_type").notNull(),
    resourceId: text("resource_id"),
    changes: text("changes", { mode: "json" }).$type<Record<string, { before: unknown; after: unknown }>>(),
    ip: text("ip"),
    userAgent: text("user_agent"),
    requestId: text("request_id"),
  },
  (t) => [
    index("audit_log_at_idx").on(t.at),
    index("audit_log_actor_idx").on(t.actorId, t.at),
    index("audit_log_resource_idx").on(t.resourceType, t.resourceId),
    index("audit_log_action_idx").on(t.action, t.at),
  ],
);

/** An audit row as read. */
export type AuditEntry = typeof auditLog.$inferSelect;
