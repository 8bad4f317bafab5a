import { aliasedTable, and, eq, isNull, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/client.ts";
import { users } from "../../db/schema/users.ts";
import type { Actor } from "../../kit/actor.ts";
import { INCIDENT_STATUSES } from "../../kit/incident-statuses.ts";
import { type ListCache, readThrough } from "../../kit/list-cache.ts";
import { assertCan, can } from "../../kit/rbac.ts";
import { type RecordPage, readRecordPage, recordListQuerySchema } from "../../kit/record-list.ts";
import { foundOr404, isRecord } from "../../kit/record-lookup.ts";
import { deletedCondition, deletedQueryField } from "../../kit/soft-delete.ts";
import { containsText, orderByOf, rankOf } from "../../lib/list-query.ts";
import { SEVERITIES } from "../../lib/severity.ts";
import type { Bus } from "../../realtime/bus.ts";
import type { NotificationEvents } from "../notifications/events.ts";
import { type NamedTechnique, techniquesOf } from "../threats/technique-links.ts";
import { activePeople } from "../users/service.ts";
import { alertsOfIncident, type IncidentAlert } from "./alerts.ts";
import { type IncidentLinks, incidentLinks } from "./links.ts";
import { type Incident, type IncidentEvent, incidentEvents, incidents } from "./schema.ts";
import { type IncidentDurations, incidentDurations } from "./workflow.ts";

/** What incident services need. */
export interface IncidentDeps {
  db: Db;
  bus?: Bus;
  /** Recently read list pages, dropped on every incident event (see ListCache). */
  lists?: ListCache<RecordPage<IncidentView>>;
  /** Told of assignments, comments and status moves (notifications, webhooks). */
  events?: NotificationEvents;
}

/** Columns a list can be sorted by. */
export const INCIDENT_SORT = ["createdAt", "updatedAt", "detectedAt", "severity", "status", "title"] as const;

/** Filters, sort and page of the incident list (API, page and export). */
export const incidentQuerySchema = recordListQuerySchema(INCIDENT_SORT, "-createdAt", {
  status: z.enum(INCIDENT_STATUSES).optional(),
  severity: z.enum(SEVERITIES).optional(),
  assignedTo: z.string().max(64).optional().describe('A user id, or "none" for unassigned'),
  deleted: deletedQueryField("incidents"),
});

/** A parsed incident query. */
export type IncidentQuery = z.infer<typeof incidentQuerySchema>;

/** An incident as the API and pages show it. */
export type IncidentView = Omit<Incident, "createdBy" | "assignedTo"> &
  IncidentDurations & {
    createdBy: { id: string; name: string } | null;
    assignedTo: { id: string; name: string } | null;
  };

/** An incident with its timeline, newest entry last. */
export type IncidentDetails = IncidentView & {
  timeline: IncidentEvent[];
  links: IncidentLinks;
  /** The SOC alerts escalated to it. */
  alerts: IncidentAlert[];
  /** The ATT&CK techniques it names. */
  techniques: NamedTechnique[];
};

const assignee = aliasedTable(users, "assignee");

const creator = aliasedTable(users, "creator");

/** Severity and status sort by their rank, not alphabetically. */
const SORT_COLUMNS = {
  createdAt: incidents.createdAt,
  updatedAt: incidents.updatedAt,
  detectedAt: incidents.detectedAt,
  // Most severe first when ascending reads "by severity".
  severity: rankOf(incidents.severity, SEVERITIES),
  status: rankOf(incidents.status, INCIDENT_STATUSES),
  title: sql`${incidents.title} collate nocase`,
};

/** The list as the kit reads it: table, id and sort columns. */
const LIST = { table: incidents, id: incidents.id, columns: SORT_COLUMNS };

const selection = {
  incident: incidents,
  assigneeName: assignee.displayName,
  creatorName: creator.displayName,
};

type Joined = { incident: Incident; assigneeName: string | null; creatorName: string | null };

function toView({ incident, assigneeName, creatorName }: Joined): IncidentView {
  return {
    ...incident,
    ...incidentDurations(incident),
    createdBy: incident.createdBy ? { id: incident.createdBy, name: creatorName ?? "" } : null,
    assignedTo: incident.assignedTo ? { id: incident.assignedTo, name: assigneeName ?? "" } : null,
  };
}

function joined(db: Db) {
  return db
    .select(selection)
    .from(incidents)
    .leftJoin(assignee, eq(assignee.id, incidents.assignedTo))
    .leftJoin(creator, eq(creator.id, incidents.createdBy));
}

/** The incidents a list or export shows, in the order asked for. */
function sorted(db: Db, where: SQL | undefined, query: IncidentQuery) {
  return joined(db)
    .where(where)
    .orderBy(...orderByOf(query.sort, SORT_COLUMNS, incidents.id));
}

function filtersOf(actor: Actor, query: IncidentQuery): SQL | undefined {
  const conditions: (SQL | undefined)[] = [
    deletedCondition(actor, "incidents", incidents.deletedAt, query.deleted),
  ];
  if (query.status) conditions.push(eq(incidents.status, query.status));
  if (query.severity) conditions.push(eq(incidents.severity, query.severity));
  if (query.assignedTo === "none") conditions.push(isNull(incidents.assignedTo));
  else if (query.assignedTo) conditions.push(eq(incidents.assignedTo, query.assignedTo));
  if (query.q)
    conditions.push(containsText([incidents.title, incidents.description, incidents.category], query.q));
  return and(...conditions);
}

/** A page of incidents, filtered and sorted (every role that reads incidents). */
export async function listIncidents(
  deps: IncidentDeps,
  actor: Actor,
  query: IncidentQuery,
): Promise<RecordPage<IncidentView>> {
  assertCan(actor, "read", "incidents");
  const where = filtersOf(actor, query);
  return readThrough(deps.lists, query, async () => {
    const page = await readRecordPage(
      deps.db,
      LIST,
      query,
      where,
      (w) => sorted(deps.db, w, query),
      (row) => row.incident.id,
    );
    return { ...page, items: page.items.map(toView) };
  });
}

/** Every incident matching the filters (no paging), for an export. */
export async function exportIncidents(
  deps: IncidentDeps,
  actor: Actor,
  query: IncidentQuery,
): Promise<IncidentView[]> {
  assertCan(actor, "read", "incidents");
  const rows = await sorted(deps.db, filtersOf(actor, query), query);
  return rows.map(toView);
}

/** The incident `incidentId` as shown (404 when there is none, or it is deleted unless `includeDeleted`). */
export async function findView(db: Db, incidentId: string, includeDeleted = false): Promise<IncidentView> {
  const [row] = await joined(db)
    .where(isRecord(incidents, incidentId, includeDeleted))
    .limit(1);
  return toView(foundOr404(row, "incident", incidentId));
}

/** One incident with its timeline. */
export async function getIncident(
  deps: IncidentDeps,
  actor: Actor,
  incidentId: string,
): Promise<IncidentDetails> {
  assertCan(actor, "read", "incidents");
  const view = await findView(deps.db, incidentId);
  const timeline = await deps.db
    .select()
    .from(incidentEvents)
    .where(eq(incidentEvents.incidentId, incidentId))
    .orderBy(incidentEvents.at, incidentEvents.id);
  return {
    ...view,
    timeline,
    links: await incidentLinks(deps, incidentId),
    alerts: await alertsOfIncident(deps.db, incidentId),
    techniques: await techniquesOf(deps.db, "incident", incidentId),
  };
}

/** People an incident can be assigned to (every role that reads incidents). */
export async function incidentAssignees(
  deps: IncidentDeps,
  actor: Actor,
): Promise<{ id: string; name: string }[]> {
  assertCan(actor, "read", "incidents");
  return activePeople(deps.db);
}

/** Whether `actor` may see deleted incidents and restore them (for pages). */
export function canRestoreIncidents(actor: Actor): boolean {
  return can(actor, "delete", "incidents");
}
