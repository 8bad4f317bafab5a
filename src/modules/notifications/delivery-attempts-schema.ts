import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { requiredRef } from "../../kit/table-columns.ts";
import { deliveries } from "./deliveries-schema.ts";

/** Every attempt at a delivery: when, the HTTP status (webhooks) or the error, and how long it took. */
export const deliveryAttempts = sqliteTable(
  "delivery_attempts",
  {
    id: text("id").primaryKey(),
    deliveryId: requiredRef("delivery_id", () => deliveries.id, { onDelete: "cascade" }),
    at: integer("at").notNull(),
    statusCode: integer("status_code"),
    error: text("error"),
    durationMs: integer("duration_ms").notNull(),
  },
  (t) => [index("delivery_attempts_delivery_idx").on(t.deliveryId, t.at)],
);

/** A delivery attempt row. */
export type DeliveryAttempt = typeof deliveryAttempts.$inferSelect;
