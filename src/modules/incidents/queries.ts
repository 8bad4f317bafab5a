import { z } from "zod";
import type { AppDeps } from "../../deps.ts";
import type { Actor } from "../../kit/actor.ts";
import { INCIDENT_STATUSES } from "../../kit/incident-statuses.ts";
import { ListCache } from "../../kit/list-cache.ts";
import type { RecordEventDeps } from "../../kit/record-events.ts";
import { timelineOf } from "../../kit/record-history.ts";
import { type RecordPage, recordListQuerySchema } from "../../kit/record-list.ts";
import { assigneeCondition, definePeopleQueries, personOf } from "../../kit/record-queries.ts";
import { deletedQueryField } from "../../kit/soft-delete.ts";
import { SEVERITIES } from "../../lib/severity.ts";
import type { NotificationEvents } from "../notifications/events.ts";
import { type NamedTechnique, techniquesOf } from "../threats/technique-links.ts";
import { alertsOfIncident, type IncidentAlert } from "./alerts.ts";
import { INCIDENT } from "./kind.ts";
import { type IncidentLinks, incidentLinks } from "./links.ts";
import { type Incident, type IncidentEvent, incidentEvents, incidentOrder, incidents } from "./schema.ts";
import { incidentDurations } from "./workflow.ts";

/** What incident services need. */
export interface IncidentDeps extends RecordEventDeps {
  /** Recently read list pages, dropped on every incident event (see ListCache). */
  lists?: ListCache<RecordPage<IncidentView>>;
  /** Told of assignments, comments and status moves (notifications, webhooks). */
  events?: NotificationEvents;
}

/** The incident services' deps for the app's API and pages, each with its own list cache. */
export function incidentDeps(deps: AppDeps): Required<IncidentDeps> {
  return {
    db: deps.database.db,
    bus: deps.bus,
    lists: new ListCache<RecordPage<IncidentView>>(deps.bus, "incidents"),
    events: deps.notifier,
  };
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
  ReturnType<typeof incidentDurations> & {
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

/** Incidents as the record kit reads them: filters, sort (severity and status by rank), the people's names. */
export const incidentQueries = definePeopleQueries({
  table: incidents,
  kind: INCIDENT,
  people: { assignee: incidents.assignedTo, creator: incidents.createdBy },
  sort: incidentOrder(incidents),
  toViews: (_deps, rows) =>
    rows.map(
      ({ incident, assigneeName, creatorName }): IncidentView => ({
        ...incident,
        ...incidentDurations(incident),
        createdBy: personOf(incident.createdBy, creatorName),
        assignedTo: personOf(incident.assignedTo, assigneeName),
      }),
    ),
  text: [incidents.title, incidents.description, incidents.category],
  equal: { status: incidents.status, severity: incidents.severity },
  filters: (query: IncidentQuery) => assigneeCondition(incidents.assignedTo, query.assignedTo),
});

/**
 * A page of incidents, filtered and sorted (every role that reads incidents); the incident
 * `incidentId` as shown (404 when there is none, or it is deleted unless `includeDeleted`).
 */
export const { list: listIncidents, findView } = incidentQueries;

/** One incident with its timeline. */
export async function getIncident(
  deps: IncidentDeps,
  actor: Actor,
  incidentId: string,
): Promise<IncidentDetails> {
  const view = await incidentQueries.get(deps, actor, incidentId);
  const timeline = await timelineOf(deps.db, incidentEvents, incidentEvents.incidentId, incidentId);
  return {
    ...view,
    timeline,
    links: await incidentLinks(deps, incidentId),
    alerts: await alertsOfIncident(deps.db, incidentId),
    techniques: await techniquesOf(deps.db, "incident", incidentId),
  };
}
