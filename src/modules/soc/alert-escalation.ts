import type { z } from "zod";
import type { Db } from "../../db/client.ts";
import type { Actor } from "../../kit/actor.ts";
import type { RequestFacts } from "../../kit/audit.ts";
import { assertCan } from "../../kit/rbac.ts";
import { findRow } from "../../kit/record-lookup.ts";
import { requireVersion, staleVersion } from "../../kit/record-versioning.ts";
import { Conflict } from "../../lib/errors.ts";
import { assertIncidentOpen, attachAlerts } from "../incidents/alerts.ts";
import { incidents } from "../incidents/schema.ts";
import { createIncident } from "../incidents/service.ts";
import type { escalateSchema } from "./alert-input.ts";
import { type AlertDeps, type AlertView, findAlertView } from "./alert-queries.ts";
import { alerts } from "./alerts-schema.ts";

/** Where an escalation went. */
export interface Escalation {
  alert: AlertView;
  incidentId: string;
  /** True when a new incident was opened for it. */
  createdIncident: boolean;
}

/**
 * The incident to escalate onto: `incidentId` when given (404 when there is none, 409 when
 * it is closed), else a new one made by `open` (analysts who may create incidents).
 */
export async function escalationTarget(
  deps: { db: Db },
  actor: Actor,
  incidentId: string | undefined,
  open: () => Promise<{ id: string }>,
): Promise<{ id: string; created: boolean }> {
  if (incidentId) {
    assertCan(actor, "update", "incidents");
    const incident = await findRow(deps.db, incidents, "incident", incidentId);
    assertIncidentOpen(incident.status);
    return { id: incident.id, created: false };
  }
  return { id: (await open()).id, created: true };
}

/**
 * Escalates an open alert (analysts and up) to a new incident — its title, severity,
 * description and assignee, detected when the alert was first seen — or onto the given
 * open incident. The alert moves to `escalated` and points at the incident; the
 * incident's timeline gets the alert's snapshot (its context). 409 for an alert that is
 * escalated or closed already, or changed since `version`.
 */
export async function escalateAlert(
  deps: AlertDeps,
  actor: Actor,
  alertId: string,
  input: z.infer<typeof escalateSchema>,
  request?: RequestFacts,
): Promise<Escalation> {
  assertCan(actor, "update", "alerts");
  const before = await findRow(deps.db, alerts, "alert", alertId);
  const version = requireVersion(input.version);
  if (version !== before.version) throw staleVersion("alert", before.version, version);
  if (before.status !== "new" && before.status !== "acknowledged")
    throw new Conflict(
      before.incidentId
        ? `This alert is ${before.status} and already linked to incident ${before.incidentId}.`
        : `This alert is ${before.status}; reopen it before escalating.`,
    );
  const target = await escalationTarget(deps, actor, input.incidentId, () =>
    createIncident(
      { db: deps.db, bus: deps.bus },
      actor,
      {
        title: before.title,
        description: before.description,
        severity: before.severity,
        category: "alert",
        assignedTo: before.assignedTo,
        detectedAt: before.firstSeen,
      },
      request,
    ),
  );
  await attachAlerts(deps, actor, target.id, [before], request);
  return {
    alert: await findAlertView(deps.db, alertId),
    incidentId: target.id,
    createdIncident: target.created,
  };
}
