import { and, eq, inArray, isNull, ne } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import type { Actor } from "../../kit/actor.ts";
import { assertCan } from "../../kit/rbac.ts";
import { Conflict, Validation } from "../../lib/errors.ts";
import { alertEntry } from "./alerts.ts";
import { alertEvents, alerts } from "./alerts-schema.ts";
import { caseAlerts, cases } from "./cases-schema.ts";

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

/** The open cases alerts can be merged into, newest first (every role that reads cases). */
export async function openCases(db: Db, actor: Actor): Promise<{ id: string; title: string }[]> {
  assertCan(actor, "read", "cases");
  return db
    .select({ id: cases.id, title: cases.title })
    .from(cases)
    .where(and(isNull(cases.deletedAt), ne(cases.status, "closed")))
    .orderBy(cases.createdAt)
    .limit(200);
}
