import { and, eq, isNull } from "drizzle-orm";
import type { z } from "zod";
import type { Actor } from "../../kit/actor.ts";
import type { RequestFacts } from "../../kit/audit.ts";
import { assertCan } from "../../kit/rbac.ts";
import { commitChange } from "../../kit/record-events.ts";
import { findRow } from "../../kit/record-lookup.ts";
import { currentVersion, staleVersion, writeIfCurrent } from "../../kit/record-versioning.ts";
import { Conflict } from "../../lib/errors.ts";
import { SEVERITIES } from "../../lib/severity.ts";
import { escalateOnto } from "./alert-escalation.ts";
import type { escalateSchema } from "./alert-input.ts";
import { type Alert, alerts } from "./alerts-schema.ts";
import { CASE_CHANGES, type CaseDeps, type CaseView, findCaseView } from "./cases.ts";
import { caseAlerts, cases } from "./cases-schema.ts";

/** The most severe of the alerts' severities. */
function worst(list: Alert[]) {
  return SEVERITIES.find((s) => list.some((a) => a.severity === s)) ?? "medium";
}

/**
 * Escalates a case (analysts and up) to one incident — a new one named after the case,
 * as severe as its worst alert, or the given open incident — carrying every alert's
 * snapshot in its timeline; its open alerts move to `escalated`. The case keeps the link
 * and, when still open, moves to investigating. 409 for a case already escalated, one
 * without alerts, or one changed since `version`.
 */
export async function escalateCase(
  deps: CaseDeps,
  actor: Actor,
  caseId: string,
  input: z.infer<typeof escalateSchema>,
  request?: RequestFacts,
): Promise<{ case: CaseView; incidentId: string; createdIncident: boolean }> {
  assertCan(actor, "update", "cases");
  assertCan(actor, "update", "alerts");
  const before = await findRow(deps.db, cases, "case", caseId);
  const version = currentVersion("case", before.version, input.version);
  if (before.incidentId)
    throw new Conflict(`This case was escalated to incident ${before.incidentId} already.`);
  const members = (
    await deps.db
      .select({ alert: alerts })
      .from(caseAlerts)
      .innerJoin(alerts, eq(alerts.id, caseAlerts.alertId))
      .where(and(eq(caseAlerts.caseId, caseId), isNull(alerts.deletedAt)))
      .orderBy(alerts.firstSeen)
  ).map((r) => r.alert);
  if (members.length === 0) throw new Conflict("This case has no alerts to escalate; merge some first.");
  const opened = {
    title: before.title,
    description: before.description,
    severity: worst(members),
    category: "case",
    assignedTo: before.ownerId,
    detectedAt: Math.min(...members.map((a) => a.firstSeen)),
  };
  const target = await escalateOnto(deps, actor, input.incidentId, opened, members, request);
  const status = before.status === "open" ? "investigating" : before.status;
  const escalated = {
    actor,
    request,
    id: caseId,
    action: "case.escalate",
    changes: {
      incidentId: { before: null, after: target.id },
      status: { before: before.status, after: status },
    },
    event: "case.updated",
    data: { version: version + 1 },
  };
  await commitChange(deps, CASE_CHANGES, escalated, async (tx) => {
    if (!(await writeIfCurrent(tx, cases, { id: caseId, version }, { incidentId: target.id, status })))
      throw staleVersion("case", before.version, version);
  });
  return {
    case: await findCaseView(deps, caseId),
    incidentId: target.id,
    createdIncident: target.created,
  };
}
