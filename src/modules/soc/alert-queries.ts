import { and, eq, inArray, isNull, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import type { AppDeps } from "../../deps.ts";
import type { Actor } from "../../kit/actor.ts";
import { ListCache } from "../../kit/list-cache.ts";
import type { RecordEventDeps } from "../../kit/record-events.ts";
import { timelineOf } from "../../kit/record-history.ts";
import type { RecordPage } from "../../kit/record-list.ts";
import { assigneeCondition, definePeopleQueries, personOf } from "../../kit/record-queries.ts";
import { rankOf } from "../../lib/list-query.ts";
import { SEVERITIES } from "../../lib/severity.ts";
import { type IncidentSummary, incidentSummary } from "../incidents/summary.ts";
import { type NamedTechnique, techniquesOf } from "../threats/technique-links.ts";
import type { AlertEvents } from "./alert-events.ts";
import type { AlertQuery } from "./alert-input.ts";
import {
  type Alert,
  type AlertEvent,
  alertEvents,
  alertOrder,
  alerts,
  OPEN_ALERT_STATUSES,
} from "./alerts-schema.ts";
import { caseAlerts, cases } from "./cases-schema.ts";
import { ALERT_KIND } from "./kind.ts";

/** What alert services need; `alertEvents` tells the notification system (wired at start). */
export interface AlertDeps extends RecordEventDeps {
  alertEvents?: AlertEvents;
  /** Recently read queue pages, dropped on every alert event (see ListCache). */
  lists?: ListCache<RecordPage<AlertView>>;
}

/** The alert services' deps for the app's API and pages, each with its own list cache. */
export function alertDeps(deps: AppDeps): AlertDeps {
  return {
    db: deps.database.db,
    bus: deps.bus,
    alertEvents: deps.alertEvents,
    lists: new ListCache<RecordPage<AlertView>>(deps.bus, "alerts"),
  };
}

/** An alert as the API and pages show it. */
export type AlertView = Omit<Alert, "assignedTo" | "createdBy"> & {
  assignedTo: { id: string; name: string } | null;
  createdBy: { id: string; name: string } | null;
};

/** An alert with its history and where it went (incident, case). */
export type AlertDetails = AlertView & {
  history: AlertEvent[];
  incident: IncidentSummary | null;
  case: { id: string; title: string } | null;
  /** The ATT&CK techniques it names. */
  techniques: NamedTechnique[];
};

/** Severity ranked, so "most severe first" is one direction of one expression. */
const bySeverity = rankOf(alerts.severity, SEVERITIES);

type Joined = { alert: Alert; assigneeName: string | null; creatorName: string | null };

function toView({ alert, assigneeName, creatorName }: Joined): AlertView {
  return {
    ...alert,
    assignedTo: personOf(alert.assignedTo, assigneeName),
    createdBy: personOf(alert.createdBy, creatorName),
  };
}

/** The `status` filter: one status, or "open" for every open one. */
function statusCondition(status: AlertQuery["status"]): SQL | undefined {
  if (status === "open") return inArray(alerts.status, OPEN_ALERT_STATUSES);
  return status ? eq(alerts.status, status) : undefined;
}

/** The alert queue as the record kit reads it, with the assignee's and creator's names. */
export const alertQueries = definePeopleQueries({
  table: alerts,
  kind: ALERT_KIND,
  people: { assignee: alerts.assignedTo, creator: alerts.createdBy },
  sort: alertOrder(alerts),
  toViews: (_deps, rows) => rows.map(toView),
  text: [alerts.title, alerts.description, alerts.dedupKey],
  equal: { severity: alerts.severity, source: alerts.source, host: alerts.host },
  filters: (query: AlertQuery) =>
    and(statusCondition(query.status), assigneeCondition(alerts.assignedTo, query.assignedTo)),
});

/**
 * A page of the alert queue, filtered and sorted (every role that reads alerts); the alert
 * `id` as shown (404 when there is none or it is deleted).
 */
export const { list: listAlerts, findView: findAlertView } = alertQueries;

/** The live alerts matching `where` as shown, most severe first. */
export async function alertViewsWhere(db: Db, where: SQL | undefined): Promise<AlertView[]> {
  const rows = await alertQueries
    .select(db)
    .where(and(where, isNull(alerts.deletedAt)))
    .orderBy(bySeverity, alerts.firstSeen, alerts.id);
  return rows.map(toView);
}

/** One alert with its history, its incident and its case. */
export async function getAlert(deps: AlertDeps, actor: Actor, alertId: string): Promise<AlertDetails> {
  const view = await alertQueries.get(deps, actor, alertId);
  const history = await timelineOf(deps.db, alertEvents, alertEvents.alertId, alertId);
  const incident = await incidentSummary(deps.db, view.incidentId);
  const [inCase] = await deps.db
    .select({ id: cases.id, title: cases.title })
    .from(caseAlerts)
    .innerJoin(cases, eq(cases.id, caseAlerts.caseId))
    .where(and(eq(caseAlerts.alertId, alertId), isNull(cases.deletedAt)));
  return {
    ...view,
    history,
    incident,
    case: inCase ?? null,
    techniques: await techniquesOf(deps.db, "alert", alertId),
  };
}
