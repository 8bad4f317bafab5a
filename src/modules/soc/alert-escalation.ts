import type { z } from "zod";
import type { Actor } from "../../kit/actor.ts";
import type { RequestFacts } from "../../kit/audit.ts";
import { assertCan } from "../../kit/rbac.ts";
import type { RecordEventDeps } from "../../kit/record-events.ts";
import { findRow } from "../../kit/record-lookup.ts";
import { currentVersion } from "../../kit/record-versioning.ts";
import { Conflict } from "../../lib/errors.ts";
import { attachAlerts } from "../incidents/alerts.ts";
import { incidents } from "../incidents/schema.ts";
import { createIncident, type newIncidentSchema } from "../incidents/service.ts";
import type { escalateSchema } from "./alert-input.ts";
import { type AlertDeps, findAlertView } from "./alert-queries.ts";
import { type Alert, alerts } from "./alerts-schema.ts";

/**
 * Escalates `list` (alerts) onto an incident: `incidentId` when given (404 when there is
 * none, 409 when it is closed), else a new one opened from `opened` (analysts who may
 * create incidents); the alerts are attached to it (see `attachAlerts`). Answers the
 * incident and whether it was opened now.
 */
export async function escalateOnto(
  deps: RecordEventDeps,
  actor: Actor,
  incidentId: string | undefined,
  opened: z.infer<typeof newIncidentSchema>,
  list: Alert[],
  request?: RequestFacts,
): Promise<{ id: string; created: boolean }> {
  let target: { id: string; created: boolean };
  if (incidentId) {
    assertCan(actor, "update", "incidents");
    const incident = await findRow(deps.db, incidents, "incident", incidentId);
    if (incident.status === "closed")
      throw new Conflict("That incident is closed; reopen it before attaching alerts.");
    target = { id: incident.id, created: false };
  } else {
    const incident = await createIncident({ db: deps.db, bus: deps.bus }, actor, opened, request);
    target = { id: incident.id, created: true };
  }
  await attachAlerts(deps, actor, target.id, list, request);
  return target;
}

/**
 * Escalates an open alert (analysts and up) to a new incident — its title, severity,
 * description and assignee, detected when the alert was first seen — or onto the given
 * open incident. The alert moves to `escalated` and points at the incident; the
 * incident's timeline gets the alert's snapshot (its context). 409 for an alert that is
 * escalated or closed already, or changed since `version`. Answers where it went (the alert,
 * the incident, `createdIncident` when a new one was opened for it).
 */
export async function escalateAlert(
  deps: AlertDeps,
  actor: Actor,
  alertId: string,
  input: z.infer<typeof escalateSchema>,
  request?: RequestFacts,
) {
  assertCan(actor, "update", "alerts");
  const before = await findRow(deps.db, alerts, "alert", alertId);
  const _version = currentVersion("alert", before.version, input.version);
  if (before.status !== "new" && before.status !== "acknowledged")
    throw new Conflict(
      before.incidentId
        ? `This alert is ${before.status} and already linked to incident ${before.incidentId}.`
        : `This alert is ${before.status}; reopen it before escalating.`,
    );
  const opened = {
    title: before.title,
    description: before.description,
    severity: before.severity,
    category: "alert",
    assignedTo: before.assignedTo,
    detectedAt: before.firstSeen,
  };
  const target = await escalateOnto(deps, actor, input.incidentId, opened, [before], request);
  return {
    alert: await findAlertView(deps, alertId),
    incidentId: target.id,
    createdIncident: target.created,
  };
}
