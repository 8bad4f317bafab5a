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
 * case are left as they are. Each added alert's history says so. Returns the ids added.
 */
export async function addAlertsToCase(
  tx: Pick<Db, "select" | "insert">,
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
  const taken = await tx
    .select({ alertId: caseAlerts.alertId, caseId: caseAlerts.caseId, title: cases.title })
    .from(caseAlerts)
    .innerJoin(cases, eq(cases.id, caseAlerts.caseId))
    .where(inArray(caseAlerts.alertId, wanted));
  const elsewhere = taken.find((t) => t.caseId !== caseId);
  if (elsewhere)
    throw new Conflict(`Alert ${elsewhere.alertId} is already in the case “${elsewhere.title}”.`);
  const added = wanted.filter((id) => !taken.some((t) => t.alertId === id));
  const now = Date.now();
  for (const alertId of added) {
    await tx.insert(caseAlerts).values({ caseId, alertId, addedAt: now });
    await tx.insert(alertEvents).values(alertEntry(alertId, actor, { kind: "case", toValue: caseId }));
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
