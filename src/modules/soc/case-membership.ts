import { and, eq, inArray, isNull, ne } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import type { Actor } from "../../kit/actor.ts";
import { assertCan } from "../../kit/rbac.ts";
import { Conflict, Validation } from "../../lib/errors.ts";
import { alertEntry } from "./alerts.ts";
import { alertEvents, alerts } from "./alerts-schema.ts";
import { type Case, caseAlerts, cases } from "./cases-schema.ts";

/**
 * Refuses (409) to merge alerts into a case that takes none: a closed one (reopen it first)
 * or one escalated already, whose incident would never get them.
 */
export function assertTakesAlerts(target: Pick<Case, "status" | "incidentId">): void {
  if (target.status === "closed")
    throw new Conflict("This case is closed; reopen it before merging alerts into it.");
  if (target.incidentId)
    throw new Conflict(
      `This case was escalated to incident ${target.incidentId}; escalate further alerts to that incident instead.`,
    );
}

/**
 * Puts alerts into case `caseId` inside a transaction: 422 (`alertIds`) naming an alert
 * that does not exist, 409 naming one that is in another case; alerts already in this
 * case are left as they are. A deleted case holds its alerts no longer (the alert shows no
 * case): one of its alerts moves here, and stays here should that case be restored. Each
 * added alert's history says so (with the deleted case it left). Returns the ids added.
 */
export async function addAlertsToCase(
  tx: Pick<Db, "select" | "insert" | "delete">,
  actor: Actor,
  caseId: string,
  alertIds: string[],
): Promise<string[]> {
  const wanted = [...new Set(alertIds)];
  if (wanted.length === 0) return [];
  const found = await tx
    .select({ id: alerts.id })
    .from(alerts)
    .where(and(inArray(alerts.id, wanted), isNull(alerts.deletedAt)));
  const missing = wanted.filter((id) => !found.some((a) => a.id === id));
  if (missing.length > 0) throw new Validation({ alertIds: `No alert ${missing.join(", ")}.` });
  const held = await tx
    .select({
      alertId: caseAlerts.alertId,
      caseId: caseAlerts.caseId,
      title: cases.title,
      deletedAt: cases.deletedAt,
    })
    .from(caseAlerts)
    .innerJoin(cases, eq(cases.id, caseAlerts.caseId))
    .where(inArray(caseAlerts.alertId, wanted));
  const elsewhere = held.find((t) => t.caseId !== caseId && t.deletedAt === null);
  if (elsewhere)
    throw new Conflict(`Alert ${elsewhere.alertId} is already in the case “${elsewhere.title}”.`);
  // Only deleted cases hold them now: they let them go.
  const released = held.filter((t) => t.caseId !== caseId);
  const releasedIds = released.map((t) => t.alertId);
  if (releasedIds.length > 0) await tx.delete(caseAlerts).where(inArray(caseAlerts.alertId, releasedIds));
  const added = wanted.filter((id) => !held.some((t) => t.alertId === id && t.caseId === caseId));
  const now = Date.now();
  for (const alertId of added) {
    const left = released.find((t) => t.alertId === alertId)?.caseId ?? null;
    await tx.insert(caseAlerts).values({ caseId, alertId, addedAt: now });
    await tx
      .insert(alertEvents)
      .values(alertEntry(alertId, actor, { kind: "case", fromValue: left, toValue: caseId }));
  }
  return added;
}

/**
 * The cases alerts can be merged into (neither closed nor escalated, see
 * {@link assertTakesAlerts}), oldest first (every role that reads cases).
 */
export async function openCases(db: Db, actor: Actor): Promise<{ id: string; title: string }[]> {
  assertCan(actor, "read", "cases");
  return db
    .select({ id: cases.id, title: cases.title })
    .from(cases)
    .where(and(isNull(cases.deletedAt), ne(cases.status, "closed"), isNull(cases.incidentId)))
    .orderBy(cases.createdAt)
    .limit(200);
}
