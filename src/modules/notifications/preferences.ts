import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/client.ts";
import { users } from "../../db/schema/users.ts";
import type { Actor } from "../../kit/actor.ts";
import { type Changes, type RequestFacts, writeAudited } from "../../kit/audit.ts";
import { can } from "../../kit/rbac.ts";
import { changesOf } from "../../kit/record-changes.ts";
import { SEVERITIES } from "../../lib/severity.ts";
import type { AlertSeverity } from "../soc/alert-events.ts";
import { userEntry } from "../users/user-entry.ts";
import { notificationPreferences } from "./preferences-schema.ts";
import { recipientFor } from "./recipient.ts";
import { NOTIFICATION_TYPES, type NotificationType } from "./schema.ts";

const channels = z.object({ inApp: z.boolean(), email: z.boolean() });

/** How one type reaches a user. */
export type Channels = z.infer<typeof channels>;

/** Without a saved choice: in the app, not by e-mail. */
export const DEFAULT_CHANNELS: Readonly<Channels> = { inApp: true, email: false };

/** Alert severities a user hears of until they choose. */
export const DEFAULT_ALERT_SEVERITIES: readonly AlertSeverity[] = ["critical", "high"];

/** A user's notification preferences, as the API reads and writes them. */
export const preferencesSchema = z.object({
  types: z.object(
    Object.fromEntries(NOTIFICATION_TYPES.map((t) => [t, channels])) as Record<
      NotificationType,
      typeof channels
    >,
  ),
  alertSeverities: z
    .array(z.enum(SEVERITIES, { error: `Choose severities among: ${SEVERITIES.join(", ")}.` }))
    .max(SEVERITIES.length)
    .transform((list) => [...new Set(list)]),
});

/** Notification preferences. */
export type Preferences = z.infer<typeof preferencesSchema>;

/** Reads the preferences of `userId`, defaults filled in. */
async function readPreferences(db: Db, userId: string): Promise<Preferences> {
  const rows = await db
    .select()
    .from(notificationPreferences)
    .where(eq(notificationPreferences.userId, userId));
  const byType = new Map(rows.map((r) => [r.type, r]));
  const types = Object.fromEntries(
    NOTIFICATION_TYPES.map((t) => {
      const row = byType.get(t);
      return [t, row ? { inApp: row.inApp, email: row.email } : { ...DEFAULT_CHANNELS }];
    }),
  ) as Preferences["types"];
  const severities = (byType.get("alert")?.severities ?? DEFAULT_ALERT_SEVERITIES) as AlertSeverity[];
  return { types, alertSeverities: [...severities] };
}

/** The signed-in user's preferences (every role). */
export async function getPreferences(db: Db, actor: Actor): Promise<Preferences> {
  return readPreferences(db, recipientFor(actor, "read"));
}

/** Saves the signed-in user's preferences; audited with what changed. */
export async function updatePreferences(
  db: Db,
  actor: Actor,
  input: Preferences,
  request?: RequestFacts,
): Promise<Preferences> {
  const userId = recipientFor(actor, "update");
  const before = await readPreferences(db, userId);
  const changes: Changes = {};
  for (const type of NOTIFICATION_TYPES)
    for (const [channel, change] of Object.entries(changesOf(before.types[type], input.types[type])))
      changes[`${type}.${channel}`] = change;
  if ([...before.alertSeverities].sort().join() !== [...input.alertSeverities].sort().join())
    changes.alertSeverities = { before: before.alertSeverities, after: input.alertSeverities };
  if (Object.keys(changes).length === 0) return before;
  const entry = userEntry(actor, "notification.preferences", userId, request, changes);
  await writeAudited(db, entry, async (tx) => {
    await tx.delete(notificationPreferences).where(eq(notificationPreferences.userId, userId));
    await tx.insert(notificationPreferences).values(
      NOTIFICATION_TYPES.map((type) => ({
        userId,
        type,
        ...input.types[type],
        severities: type === "alert" ? input.alertSeverities : null,
      })),
    );
  });
  return readPreferences(db, userId);
}

/** Channels of `type` for each of `userIds` (defaults for those who never chose). */
export async function channelsOf(
  db: Db,
  userIds: string[],
  type: NotificationType,
): Promise<Map<string, Channels>> {
  const rows = await db
    .select()
    .from(notificationPreferences)
    .where(and(inArray(notificationPreferences.userId, userIds), eq(notificationPreferences.type, type)));
  const saved = new Map(rows.map((r) => [r.userId, { inApp: r.inApp, email: r.email }]));
  return new Map(userIds.map((id) => [id, saved.get(id) ?? { ...DEFAULT_CHANNELS }]));
}

/** Active users who may read alerts and subscribe to alerts of `severity`. */
export async function alertSubscribers(db: Db, severity: AlertSeverity): Promise<string[]> {
  const rows = await db
    .select({ id: users.id, role: users.role, severities: notificationPreferences.severities })
    .from(users)
    .leftJoin(
      notificationPreferences,
      and(eq(notificationPreferences.userId, users.id), eq(notificationPreferences.type, "alert")),
    )
    .where(eq(users.isActive, true));
  return rows
    .filter((r) => can({ type: "user", id: r.id, label: "", role: r.role }, "read", "alerts"))
    .filter((r) => (r.severities ?? DEFAULT_ALERT_SEVERITIES).includes(severity))
    .map((r) => r.id);
}
