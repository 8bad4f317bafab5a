import { and, desc, eq, isNull, ne } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import type { Actor } from "../../kit/actor.ts";
import type { RequestFacts } from "../../kit/audit.ts";
import { assertCan } from "../../kit/rbac.ts";
import { announceChange, auditChange, changeKindOf, type RecordEventDeps } from "../../kit/record-events.ts";
import { historyEntry } from "../../kit/record-history.ts";
import { writeIfCurrent } from "../../kit/record-versioning.ts";
import { AppError, Conflict } from "../../lib/errors.ts";
import { liveOpenAlerts } from "../soc/alert-workflow.ts";
import { ALERT_CHANGES, alertEntry, moveAlert } from "../soc/alerts.ts";
import { type Alert, alertEvents, alerts } from "../soc/alerts-schema.ts";
import { INCIDENT } from "./kind.ts";
import { incidentEvents, incidents } from "./schema.ts";

/*
 * The link between alerts and incidents, seen from both sides: escalating writes it (the
 * alert points at its incident, the incident's timeline holds the alert's snapshot),
 * an incident's page lists its alerts, and closing the incident closes them.
 */

/** An alert as an incident's page lists it. */
export type IncidentAlert = Pick<Alert, "id" | "title" | "severity" | "status" | "count">;

const INCIDENT_RECORD = changeKindOf(INCIDENT);

/** The alerts escalated to incident `incidentId` (deleted ones left out), oldest first. */
export function alertsOfIncident(db: Db, incidentId: string): Promise<IncidentAlert[]> {
  const { id, title, severity, status, count } = alerts;
  return db
    .select({ id, title, severity, status, count })
    .from(alerts)
    .where(and(eq(alerts.incidentId, incidentId), isNull(alerts.deletedAt)))
    .orderBy(alerts.firstSeen, alerts.id);
}

/**
 * Escalates `list` to incident `incidentId` in one transaction: each open alert not yet
 * escalated moves to `escalated` (against the version it was read at; 409 when someone
 * changed it first) and points at the incident, and every alert's snapshot is copied into
 * the incident's timeline. Audited on both sides in that transaction; announced on both
 * topics once committed.
 */
export async function attachAlerts(
  deps: RecordEventDeps,
  actor: Actor,
  incidentId: string,
  list: Alert[],
  request?: RequestFacts,
): Promise<void> {
  const moving = list.filter((a) => a.status === "new" || a.status === "acknowledged");
  const escalated = moving.map((alert) => ({
    actor,
    request,
    id: alert.id,
    action: "alert.escalate",
    changes: {
      status: { before: alert.status, after: "escalated" },
      incidentId: { before: null, after: incidentId },
    },
    event: "alert.updated",
    data: { version: alert.version + 1 },
  }));
  const attached = {
    actor,
    request,
    id: incidentId,
    action: "incident.alerts",
    changes: { alerts: { before: null, after: list.map((a) => a.id) } },
    event: "incident.updated",
  };
  await deps.db.transaction(async (tx) => {
    for (const alert of moving) {
      if (!(await writeIfCurrent(tx, alerts, alert, { status: "escalated", incidentId })))
        throw new Conflict(
          `The alert “${alert.title}” was changed by someone else meanwhile. Reload it and escalate again.`,
        );
      await tx
        .insert(alertEvents)
        .values(
          alertEntry(alert.id, actor, { kind: "escalated", fromValue: alert.status, toValue: incidentId }),
        );
    }
    for (const alert of list)
      await tx.insert(incidentEvents).values(
        historyEntry("incidentId", incidentId, actor, {
          kind: "alert" as const,
          body: alert.description,
          fromValue: alert.id,
          toValue: alert.title,
          // The alert's snapshot: enough to read it without the alert.
          data: {
            alertId: alert.id,
            title: alert.title,
            severity: alert.severity,
            source: alert.source,
            host: alert.host,
            count: alert.count,
            firstSeen: alert.firstSeen,
            lastSeen: alert.lastSeen,
            context: alert.context,
          },
        }),
      );
    for (const change of escalated) await auditChange(tx, ALERT_CHANGES, change);
    await auditChange(tx, INCIDENT_RECORD, attached);
  });
  for (const change of escalated) announceChange(deps.bus, ALERT_CHANGES, change);
  announceChange(deps.bus, INCIDENT_RECORD, attached);
}

/**
 * Closes the open alerts of incident `incidentId` (its closing takes them along), each with
 * a history entry; audited and announced. Returns how many were closed.
 */
export async function closeAlertsOfIncident(
  deps: RecordEventDeps,
  actor: Actor,
  incidentId: string,
  request?: RequestFacts,
): Promise<number> {
  const open = await deps.db
    .select()
    .from(alerts)
    .where(liveOpenAlerts(eq(alerts.incidentId, incidentId)));
  let closed = 0;
  for (const alert of open) {
    try {
      await moveAlert(
        deps,
        actor,
        alert,
        { status: "closed", version: alert.version, note: "Closed with its incident." },
        request,
      );
      closed++;
    } catch (error) {
      // Someone changed it meanwhile: it is no longer ours to close silently.
      if (!(error instanceof AppError && error.status === 409)) throw error;
    }
  }
  return closed;
}

/** The open incidents an alert or a case can be attached to, newest first (analysts and up). */
export function openIncidentChoices(db: Db, actor: Actor): Promise<{ id: string; title: string }[]> {
  assertCan(actor, "update", "incidents");
  return db
    .select({ id: incidents.id, title: incidents.title })
    .from(incidents)
    .where(and(isNull(incidents.deletedAt), ne(incidents.status, "closed")))
    .orderBy(desc(incidents.createdAt))
    .limit(200);
}
