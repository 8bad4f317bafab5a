import { and, inArray, isNotNull, lt } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { deliveries } from "./deliveries-schema.ts";
import { notifications } from "./schema.ts";

/**
 * Deletes what is older than `days`: notifications read before then, and deliveries that
 * ended (sent or failed) and were queued before then, with their attempts. Unread
 * notifications and pending deliveries stay whatever their age. Answers how many rows went.
 */
export async function pruneNotifications(db: Db, days: number, now = Date.now()): Promise<number> {
  const before = now - days * 86_400_000;
  const read = await db
    .delete(notifications)
    .where(and(isNotNull(notifications.readAt), lt(notifications.readAt, before)))
    .returning({ id: notifications.id });
  const ended = await db
    .delete(deliveries)
    .where(and(inArray(deliveries.status, ["sent", "failed"]), lt(deliveries.createdAt, before)))
    .returning({ id: deliveries.id });
  return read.length + ended.length;
}
