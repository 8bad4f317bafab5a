import { z } from "zod";
import type { AppDeps } from "../../deps.ts";
import { defineRecordApi, recordApi } from "../../kit/record-api.ts";
import { fieldColumns, personColumns, timeColumns } from "../../kit/record-csv.ts";
import {
  changeEntrySchema,
  incidentRefSchema,
  personSchema,
  recordStampsSchema,
} from "../../kit/record-schemas.ts";
import { madeOrFound } from "../../kit/resource-router.ts";
import type { ApiRouter } from "../../lib/api-router.ts";
import { actorOf } from "../../lib/context.ts";
import type { CsvColumn } from "../../lib/csv.ts";
import { SEVERITIES } from "../../lib/severity.ts";
import { techniquesRoute } from "../threats/record-techniques.ts";
import { namedTechniquesSchema } from "../threats/technique-links.ts";
import { escalateAlert } from "./alert-escalation.ts";
import {
  alertPatchSchema,
  alertQuerySchema,
  alertStatusSchema,
  escalateSchema,
  noteSchema,
  raiseAlertSchema,
} from "./alert-input.ts";
import { type AlertView, alertDeps, alertQueries, findAlertView, getAlert } from "./alert-queries.ts";
import { raiseAlert } from "./alert-raising.ts";
import { setAlertTechniques } from "./alert-techniques.ts";
import { changeAlertStatus, deleteAlert, noteOnAlert, restoreAlert, updateAlert } from "./alerts.ts";
import { ALERT_EVENT_KINDS, ALERT_SOURCES, ALERT_STATUSES } from "./alerts-schema.ts";
import { ALERT_KIND } from "./kind.ts";

/** An alert as the API returns it. */
export const alertSchema = recordStampsSchema.extend({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  severity: z.enum(SEVERITIES),
  source: z.enum(ALERT_SOURCES),
  status: z.enum(ALERT_STATUSES),
  dedupKey: z.string().nullable(),
  host: z.string().nullable(),
  context: z.record(z.string(), z.unknown()),
  count: z.number().int(),
  firstSeen: z.number().int(),
  lastSeen: z.number().int(),
  assignedTo: personSchema,
  createdBy: personSchema,
  incidentId: z.string().nullable(),
  closedAt: z.number().int().nullable(),
});

/** An entry of an alert's history. */
export const alertEventSchema = changeEntrySchema("alertId", ALERT_EVENT_KINDS);

/** The columns of an alert export. */
const CSV_COLUMNS: CsvColumn<AlertView>[] = [
  ...fieldColumns<AlertView>("id", "title", "severity", "status", "source", "host", "dedupKey", "count"),
  ...timeColumns<AlertView>("firstSeen", "lastSeen"),
  ...personColumns<AlertView>("assignedTo"),
  ...fieldColumns<AlertView>("incidentId"),
];

/** SOC alerts as a record kind: the standard routes of the record kit (an alert is raised, not created). */
const alertRecords = defineRecordApi({
  kind: ALERT_KIND,
  tag: "SOC alerts",
  schema: alertSchema,
  query: alertQuerySchema,
  columns: CSV_COLUMNS,
  queries: alertQueries,
  get: {
    summary: "One alert with its history",
    schema: alertSchema.extend({
      history: z.array(alertEventSchema),
      incident: incidentRefSchema,
      case: z.object({ id: z.string(), title: z.string() }).nullable(),
      techniques: namedTechniquesSchema,
    }),
    run: getAlert,
  },
  update: {
    summary: "Edit or assign an alert",
    description:
      "Send the version you read as `version` or as `If-Match`; a stale one is 409, none 428. Assigning it to someone else notifies them.",
    body: alertPatchSchema,
    run: updateAlert,
  },
  status: {
    summary: "Acknowledge, close, mark a false positive or reopen an alert",
    description:
      "new → acknowledged; any open alert → closed or false_positive; closed or false_positive → new (reopen; 409 when another open alert has its key). `escalated` only through /escalate. Anything else: 409.",
    body: alertStatusSchema,
    run: changeAlertStatus,
  },
  delete: deleteAlert,
  restore: {
    summary: "Restore a deleted alert",
    run: restoreAlert,
    refused: { 409: { description: "Not deleted, or an open alert with its key was raised meanwhile" } },
  },
  collection: (router) =>
    router.post(
      "/",
      {
        summary: "Raise an alert",
        permission: router.may("create"),
        description:
          "For external systems (an API token acts as its user; analysts and up). `techniques` names ATT&CK techniques (T1059.001; unknown ids: 422 naming them). With the `dedupKey` of an open alert (new, acknowledged or escalated) that alert's count and lastSeen grow and the context is merged in (200); otherwise a new alert is created (201 + Location).",
        body: raiseAlertSchema,
        responses: madeOrFound(alertSchema, "Created", "Counted on the open alert with this dedupKey"),
      },
      async (c, { body }) => {
        const input = { ...body, source: "api" as const };
        const { alert, created } = await raiseAlert(router.svc, input, actorOf(c), router.facts(c));
        c.header("Location", `/api/v1/soc/alerts/${alert.id}`);
        c.header("ETag", `"${alert.version}"`);
        return c.json(await findAlertView(router.svc, alert.id), created ? 201 : 200);
      },
    ),
  record: (router) => {
    router
      .act(
        "/:id/escalate",
        {
          summary: "Escalate an alert to an incident",
          description:
            "Opens an incident from the alert (title, severity, description, assignee), or attaches it to the open incident `incidentId`; the incident's timeline gets the alert's snapshot (its context). The alert becomes escalated. 409 when it is not new or acknowledged, or changed since `version`.",
          body: escalateSchema,
          ok: {
            description: "Escalated",
            schema: z.object({
              alert: alertSchema,
              incidentId: z.string(),
              createdIncident: z.boolean(),
            }),
          },
          ifMatch: true,
        },
        escalateAlert,
      )
      .act(
        "/:id/notes",
        {
          summary: "Add a note to an alert",
          body: noteSchema,
          ok: { description: "Added to its history", schema: alertEventSchema },
          status: 201,
        },
        noteOnAlert,
      );
    techniquesRoute(router, "alert", setAlertTechniques);
  },
});

/**
 * SOC alerts (read: every role; raise, acknowledge, assign, escalate, close: analysts and
 * up, also through an API token acting as its user; delete and restore: admins):
 * - GET    /api/v1/soc/alerts              the queue: page, pageSize, sort, q, status (or "open"), severity, source, host, assignedTo
 * - GET    /api/v1/soc/alerts/export       the same filters, all rows, as CSV or JSON
 * - POST   /api/v1/soc/alerts              raise one (source api): 201 new, 200 counted on the open alert with its dedupKey
 * - GET    /api/v1/soc/alerts/:id          one, with its history, incident and case (ETag = version)
 * - PATCH  /api/v1/soc/alerts/:id          edit or assign against a version; stale: 409
 * - POST   /api/v1/soc/alerts/:id/status   acknowledge, close, false_positive, reopen; invalid move: 409
 * - POST   /api/v1/soc/alerts/:id/escalate to a new incident or onto `incidentId`
 * - POST   /api/v1/soc/alerts/:id/notes    add a note to its history
 * - DELETE /api/v1/soc/alerts/:id          soft delete
 * - POST   /api/v1/soc/alerts/:id/restore  undo a delete
 */
export function socAlertsApi(deps: AppDeps): ApiRouter {
  return recordApi(alertRecords, deps, alertDeps(deps));
}
