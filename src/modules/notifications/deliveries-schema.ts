import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { webhooks } from "../webhooks/schema.ts";

/** The channels the outbox delivers on. */
export const DELIVERY_CHANNELS = ["email", "webhook"] as const;

/** Where a delivery stands: `sending` only while an attempt runs (reset to pending at start). */
export const DELIVERY_STATUSES = ["pending", "sending", "sent", "failed"] as const;

/** A delivery status. */
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * The persisted outbox of e-mails and webhook calls, and the webhooks' delivery log. A row
 * is written before anything is sent, so a restart resumes what was pending. `payload` is
 * the e-mail ({to, subject, text}) or the exact webhook body; `event` is the event name.
 */
export const deliveries = sqliteTable(
  "deliveries",
  {
    id: text("id").primaryKey(),
    channel: text("channel", { enum: DELIVERY_CHANNELS }).notNull(),
    webhookId: text("webhook_id").references(() => webhooks.id, { onDelete: "cascade" }),
    event: text("event").notNull(),
    payload: text("payload").notNull(),
    status: text("status", { enum: DELIVERY_STATUSES }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: integer("next_attempt_at").notNull(),
    lastStatusCode: integer("last_status_code"),
    lastError: text("last_error"),
    createdAt: integer("created_at").notNull(),
    sentAt: integer("sent_at"),
  },
  (t) => [
    index("deliveries_due_idx").on(t.status, t.nextAttemptAt),
    index("deliveries_webhook_idx").on(t.webhookId, t.createdAt),
  ],
);

/** A delivery row. */
export type Delivery = typeof deliveries.$inferSelect;
