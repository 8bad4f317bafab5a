import { z } from "zod";
import type { AppDeps } from "../../deps.ts";
import { INCIDENT_STATUSES } from "../../kit/incident-statuses.ts";
import { defineRecordApi, recordApi } from "../../kit/record-api.ts";
import { fieldColumns, personColumns, timeColumns } from "../../kit/record-csv.ts";
import {
  changeEntrySchema,
  idParams,
  personSchema,
  severityRefSchema,
  titledRecordSchema,
} from "../../kit/record-schemas.ts";
import type { ApiRouter } from "../../lib/api-router.ts";
import { actorOf } from "../../lib/context.ts";
import type { CsvColumn } from "../../lib/csv.ts";
import { SEVERITIES } from "../../lib/severity.ts";
import { ALERT_STATUSES } from "../soc/alerts-schema.ts";
import { techniquesRoute } from "../threats/record-techniques.ts";
import { namedTechniquesSchema } from "../threats/technique-links.ts";
import { INCIDENT } from "./kind.ts";
import { linkSchema, setIncidentLink } from "./links.ts";
import {
  getIncident,
  type IncidentView,
  incidentDeps,
  incidentQueries,
  incidentQuerySchema,
} from "./queries.ts";
import { TIMELINE_KINDS } from "./schema.ts";
import * as service from "./service.ts";
import { setIncidentTechniques } from "./techniques.ts";

/** An incident as the API returns it. */
export const incidentSchema = titledRecordSchema.extend({
  severity: z.enum(SEVERITIES),
  category: z.string(),
  status: z.enum(INCIDENT_STATUSES),
  createdBy: personSchema,
  assignedTo: personSchema,
  detectedAt: z.number().int(),
  triagedAt: z.number().int().nullable(),
  resolvedAt: z.number().int().nullable(),
  timeToTriageMs: z.number().int().nullable(),
  timeToCloseMs: z.number().int().nullable(),
});

const linksSchema = z.object({
  assets: z.array(z.object({ id: z.string(), name: z.string(), criticality: z.string() })),
  vulnerabilities: z.array(
    z.object({ id: z.string(), title: z.string(), cveId: z.string().nullable(), severity: z.string() }),
  ),
});

const timelineEntrySchema = changeEntrySchema("incidentId", TIMELINE_KINDS).extend({
  data: z.record(z.string(), z.unknown()).nullable().describe("An `alert` entry's snapshot of the alert"),
});

/** A duration in whole seconds; none as empty. */
const seconds = (ms: number | null) => (ms === null ? "" : Math.round(ms / 1000));

/** The columns of an incident export. */
const CSV_COLUMNS: CsvColumn<IncidentView>[] = [
  ...fieldColumns<IncidentView>("id", "title", "severity", "status", "category"),
  ...personColumns<IncidentView>("assignedTo", "createdBy"),
  ...timeColumns<IncidentView>("detectedAt", "resolvedAt"),
  { header: "time_to_triage_s", value: (i) => seconds(i.timeToTriageMs) },
  { header: "time_to_close_s", value: (i) => seconds(i.timeToCloseMs) },
];

/** Incidents as a record kind: the standard routes of the record kit. */
const incidentRecords = defineRecordApi({
  kind: INCIDENT,
  tag: "Incidents",
  schema: incidentSchema,
  query: incidentQuerySchema,
  columns: CSV_COLUMNS,
  queries: incidentQueries,
  create: { summary: "Open an incident", body: service.newIncidentSchema, run: service.createIncident },
  get: {
    summary: "One incident with its timeline",
    schema: incidentSchema.extend({
      timeline: z.array(timelineEntrySchema),
      links: linksSchema,
      techniques: namedTechniquesSchema,
      alerts: z.array(severityRefSchema(ALERT_STATUSES).extend({ count: z.number().int() })),
    }),
    run: getIncident,
  },
  update: {
    description:
      "Send the version you read as `version` or as `If-Match`; if the incident changed since, the answer is 409 and nothing is written. Without either: 428.",
    body: service.incidentPatchSchema,
    run: service.updateIncident,
  },
  status: {
    description:
      "new → triage → containment → eradication → recovery → closed; any open state may close; closed may reopen to triage. Anything else: 409. Closing closes the incident's open SOC alerts too unless `closeAlerts` is false.",
    body: service.statusChangeSchema,
    run: service.changeIncidentStatus,
    versionOptional: true,
  },
  delete: service.deleteIncident,
  restore: service.restoreIncident,
  record: (router) => {
    router
      .act(
        "/:id/comments",
        {
          summary: "Comment on an incident",
          body: service.commentSchema,
          ok: { description: "Added to the timeline", schema: timelineEntrySchema },
          status: 201,
        },
        service.commentOnIncident,
      )
      .act(
        "/:id/links",
        {
          summary: "Link an asset or a vulnerability to an incident",
          description:
            "Recorded on the timeline and audited; linking again changes nothing (`changed: false`). 422 for a record that does not exist.",
          body: linkSchema,
          ok: { description: "Linked", schema: z.object({ changed: z.boolean() }) },
        },
        (svc, actor, id, body, request) => setIncidentLink(svc, actor, id, body, true, request),
      )
      .delete(
        "/:id/links/:kind/:targetId",
        {
          summary: "Remove a link from an incident",
          permission: router.may("update"),
          params: idParams.extend(linkSchema.shape),
          responses: { 204: { description: "Removed (or was not there)" } },
        },
        async (c, { params }) => {
          await setIncidentLink(router.svc, actorOf(c), params.id, params, false, router.facts(c));
          return c.body(null, 204);
        },
      );
    techniquesRoute(router, "incident", setIncidentTechniques);
  },
});

/**
 * Incidents (read: every role; write: analysts and up; delete and restore: admins):
 * - GET    /api/v1/incidents              list: page, pageSize ≤ 200, sort, q, status, severity, assignedTo
 * - GET    /api/v1/incidents/export       the same filters, all rows, as CSV or JSON
 * - POST   /api/v1/incidents              open one (201 + Location)
 * - GET    /api/v1/incidents/:id          one, with its timeline (ETag = version)
 * - PATCH  /api/v1/incidents/:id          edit against a version (field or If-Match); stale: 409
 * - POST   /api/v1/incidents/:id/status   move along the workflow; invalid move: 409
 * - POST   /api/v1/incidents/:id/comments add a comment to the timeline
 * - POST   /api/v1/incidents/:id/links    link an asset or a vulnerability
 * - DELETE /api/v1/incidents/:id/links/:kind/:targetId  remove a link
 * - PUT    /api/v1/incidents/:id/techniques   set the ATT&CK techniques it names
 * - DELETE /api/v1/incidents/:id          soft delete
 * - POST   /api/v1/incidents/:id/restore  undo a delete
 */
export function incidentsApi(deps: AppDeps): ApiRouter {
  return recordApi(incidentRecords, deps, incidentDeps(deps));
}
