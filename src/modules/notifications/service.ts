import { and, count, desc, eq, isNull, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/client.ts";
import type { Actor } from "../../kit/actor.ts";
import { type RequestFacts, recordAudit, writeAudited } from "../../kit/audit.ts";
import type { CoreDeps } from "../../kit/core-deps.ts";
import { NotFound } from "../../lib/errors.ts";
import { type Page, pageFields, readPage } from "../../lib/list-query.ts";
import type { SnapshotProvider } from "../../realtime/sse.ts";
import { unreadCount } from "./notifier.ts";
import { recipientFor } from "./recipient.ts";
import { type Notification, notifications } from "./schema.ts";

/** What the notification services need. */
export type NotificationDeps = Pick<CoreDeps, "db" | "bus">;

/** Filters and page of the signed-in user's notifications. */
export const notificationQuerySchema = z.object({
  unread: z
    .enum(["true", "false"])
    .optional()
    .transform((v) => v === "true")
    .describe('"true": only unread ones'),
  ...pageFields,
});

/** The signed-in user's notifications, newest first. */
export async function listNotifications(
  deps: NotificationDeps,
  actor: Actor,
  query: z.infer<typeof notificationQuerySchema>,
): Promise<Page<Notification>> {
  const conditions: SQL[] = [eq(notifications.userId, recipientFor(actor, "read"))];
  if (query.unread) conditions.push(isNull(notifications.readAt));
  const where = and(...conditions);
  return readPage(
    query,
    deps.db.select({ n: count() }).from(notifications).where(where),
    deps.db
      .select()
      .from(notifications)
      .where(where)
      .orderBy(desc(notifications.createdAt), desc(notifications.id)),
  );
}

/** How many of the signed-in user's notifications are unread. */
export async function countUnread(deps: NotificationDeps, actor: Actor): Promise<number> {
  return unreadCount(deps.db, recipientFor(actor, "read"));
}

/** What a new `notifications` stream is sent first: `notification.unread` with the viewer's unread count. */
export function unreadSnapshot(db: Db): SnapshotProvider {
  return async (topics, userId) =>
    topics.includes("notifications")
      ? [{ name: "notification.unread", data: { unread: await unreadCount(db, userId) } }]
      : [];
}

/** Tells the user's other tabs the new unread count. */
async function announceRead(deps: NotificationDeps, userId: string, ids: string[] | "all"): Promise<number> {
  const unread = await unreadCount(deps.db, userId);
  deps.bus.publish("notifications", "notification.read", { ids, unread }, userId);
  return unread;
}

/** Marks one of the user's notifications read (idempotent); 404 for someone else's. Audited when it changes. */
export async function markRead(
  deps: NotificationDeps,
  actor: Actor,
  id: string,
  request?: RequestFacts,
): Promise<{ notification: Notification; unread: number }> {
  const userId = recipientFor(actor, "update");
  const mine = and(eq(notifications.id, id), eq(notifications.userId, userId));
  const [before] = await deps.db.select().from(notifications).where(mine);
  if (!before) throw new NotFound(`No notification ${id}.`);
  if (before.readAt !== null) return { notification: before, unread: await unreadCount(deps.db, userId) };
  const now = Date.now();
  const entry = {
    actor,
    action: "notification.read",
    resourceType: "notification",
    resourceId: id,
    changes: { readAt: { before: null, after: now } },
    request,
  };
  const [after] = await writeAudited(deps.db, entry, (tx) =>
    tx.update(notifications).set({ readAt: now }).where(mine).returning(),
  );
  return { notification: after ?? before, unread: await announceRead(deps, userId, [id]) };
}

/** Marks every unread notification of the user read; answers how many changed. Audited when any did. */
export async function markAllRead(
  deps: NotificationDeps,
  actor: Actor,
  request?: RequestFacts,
): Promise<{ marked: number; unread: number }> {
  const userId = recipientFor(actor, "update");
  const changed = await deps.db.transaction(async (tx) => {
    const rows = await tx
      .update(notifications)
      .set({ readAt: Date.now() })
      .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
      .returning({ id: notifications.id });
    if (rows.length > 0)
      await recordAudit(tx, {
        actor,
        action: "notification.read_all",
        resourceType: "notification",
        resourceId: null,
        changes: { marked: { before: null, after: rows.length } },
        request,
      });
    return rows;
  });
  if (changed.length === 0) return { marked: 0, unread: await unreadCount(deps.db, userId) };
  return { marked: changed.length, unread: await announceRead(deps, userId, "all") };
}
