import { aliasedTable, and, eq, inArray, isNull, type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { users } from "../../db/schema/users.ts";
import type { Actor } from "../../kit/actor.ts";
import type { IncidentStatus } from "../../kit/incident-statuses.ts";
import { type ListCache, readThrough } from "../../kit/list-cache.ts";
import { assertCan } from "../../kit/rbac.ts";
import { type RecordPage, readRecordPage } from "../../kit/record-list.ts";
import { foundOr404, isRecord } from "../../kit/record-lookup.ts";
import { deletedCondition } from "../../kit/soft-delete.ts";
import { containsText, orderByOf, rankOf } from "../../lib/list-query.ts";
import { SEVERITIES } from "../../lib/severity.ts";
import type { Bus } from "../../realtime/bus.ts";
import { incidents } from "../incidents/schema.ts";
import { type NamedTechnique, techniquesOf } from "../threats/technique-links.ts";
import type { AlertEvents } from "./alert-events.ts";
import type { AlertQuery } from "./alert-input.ts";
import {
  ALERT_STATUSES,
  type Alert,
  type AlertEvent,
  alertEvents,
  alerts,
  OPEN_ALERT_STATUSES,
} from "./alerts-schema.ts";
import { caseAlerts, cases } from "./cases-schema.ts";

/** What alert services need; `alertEvents` tells the notification system (wired at start). */
export interface AlertDeps {
  db: Db;
  bus?: Bus;
  alertEvents?: AlertEvents;
  /** Recently read queue pages, dropped on every alert event (see ListCache). */
  lists?: ListCache<RecordPage<AlertView>>;
}

/** An alert as the API and pages show it. */
export type AlertView = Omit<Alert, "assignedTo" | "createdBy"> & {
  assignedTo: { id: string; name: string } | null;
  createdBy: { id: string; name: string } | null;
};

/** An alert with its history and where it went (incident, case). */
export type AlertDetails = AlertView & {
  history: AlertEvent[];
  incident: { id: string; title: string; status: IncidentStatus } | null;
  case: { id: string; title: string } | null;
  /** The ATT&CK techniques it names. */
  techniques: NamedTechnique[];
};

const assignee = aliasedTable(users, "assignee");

const creator = aliasedTable(users, "creator");

const SORT_COLUMNS = {
  lastSeen: alerts.lastSeen,
  firstSeen: alerts.firstSeen,
  severity: rankOf(alerts.severity, SEVERITIES),
  status: rankOf(alerts.status, ALERT_STATUSES),
  count: alerts.count,
  title: sql`${alerts.title} collate nocase`,
};

/** The list as the kit reads it: table, id and sort columns. */
const LIST = { table: alerts, id: alerts.id, columns: SORT_COLUMNS };

type Joined = { alert: Alert; assigneeName: string | null; creatorName: string | null };

function toView({ alert, assigneeName, creatorName }: Joined): AlertView {
  return {
    ...alert,
    assignedTo: alert.assignedTo ? { id: alert.assignedTo, name: assigneeName ?? "" } : null,
    createdBy: alert.createdBy ? { id: alert.createdBy, name: creatorName ?? "" } : null,
  };
}

function joined(db: Db) {
  return db
    .select({ alert: alerts, assigneeName: assignee.displayName, creatorName: creator.displayName })
    .from(alerts)
    .leftJoin(assignee, eq(assignee.id, alerts.assignedTo))
    .leftJoin(creator, eq(creator.id, alerts.createdBy));
}

function filtersOf(actor: Actor, query: AlertQuery): SQL | undefined {
  const conditions: (SQL | undefined)[] = [
    deletedCondition(actor, "alerts", alerts.deletedAt, query.deleted),
  ];
  if (query.status === "open") conditions.push(inArray(alerts.status, OPEN_ALERT_STATUSES));
  else if (query.status) conditions.push(eq(alerts.status, query.status));
  if (query.severity) conditions.push(eq(alerts.severity, query.severity));
  if (query.source) conditions.push(eq(alerts.source, query.source));
  if (query.host) conditions.push(eq(alerts.host, query.host));
  if (query.assignedTo === "none") conditions.push(isNull(alerts.assignedTo));
  else if (query.assignedTo) conditions.push(eq(alerts.assignedTo, query.assignedTo));
  if (query.q) conditions.push(containsText([alerts.title, alerts.description, alerts.dedupKey], query.q));
  return and(...conditions);
}

function sorted(db: Db, where: SQL | undefined, query: AlertQuery) {
  return joined(db)
    .where(where)
    .orderBy(...orderByOf(query.sort, SORT_COLUMNS, alerts.id));
}

/** A page of the alert queue, filtered and sorted (every role that reads alerts). */
export async function listAlerts(
  deps: AlertDeps,
  actor: Actor,
  query: AlertQuery,
): Promise<RecordPage<AlertView>> {
  assertCan(actor, "read", "alerts");
  const where = filtersOf(actor, query);
  return readThrough(deps.lists, query, async () => {
    const page = await readRecordPage(
      deps.db,
      LIST,
      query,
      where,
      (w) => sorted(deps.db, w, query),
      (row) => row.alert.id,
    );
    return { ...page, items: page.items.map(toView) };
  });
}

/** Every alert matching the filters (no paging), for an export. */
export async function exportAlerts(deps: AlertDeps, actor: Actor, query: AlertQuery): Promise<AlertView[]> {
  assertCan(actor, "read", "alerts");
  return (await sorted(deps.db, filtersOf(actor, query), query)).map(toView);
}

/** The live alerts matching `where` as shown, most severe first. */
export async function alertViewsWhere(db: Db, where: SQL | undefined): Promise<AlertView[]> {
  const rows = await joined(db)
    .where(and(where, isNull(alerts.deletedAt)))
    .orderBy(SORT_COLUMNS.severity, alerts.firstSeen, alerts.id);
  return rows.map(toView);
}

/** The alert `id` as shown (404 when there is none or it is deleted). */
export async function findAlertView(db: Db, alertId: string): Promise<AlertView> {
  const [row] = await joined(db).where(isRecord(alerts, alertId)).limit(1);
  return toView(foundOr404(row, "alert", alertId));
}

/** One alert with its history, its incident and its case. */
export async function getAlert(deps: AlertDeps, actor: Actor, alertId: string): Promise<AlertDetails> {
  assertCan(actor, "read", "alerts");
  const view = await findAlertView(deps.db, alertId);
  const history = await deps.db
    .select()
    .from(alertEvents)
    .where(eq(alertEvents.alertId, alertId))
    .orderBy(alertEvents.at, alertEvents.id);
  const [incident] = view.incidentId
    ? await deps.db
        .select({ id: incidents.id, title: incidents.title, status: incidents.status })
        .from(incidents)
        .where(eq(incidents.id, view.incidentId))
    : [];
  const [inCase] = await deps.db
    .select({ id: cases.id, title: cases.title })
    .from(caseAlerts)
    .innerJoin(cases, eq(cases.id, caseAlerts.caseId))
    .where(and(eq(caseAlerts.alertId, alertId), isNull(cases.deletedAt)));
  return {
    ...view,
    history,
    incident: incident ?? null,
    case: inCase ?? null,
    techniques: await techniquesOf(deps.db, "alert", alertId),
  };
}
