import { z } from "zod";
import type { AppDeps } from "../../deps.ts";
import { defineRecordApi, recordApi } from "../../kit/record-api.ts";
import { fieldColumns, personColumns, timeColumns } from "../../kit/record-csv.ts";
import {
  historyEntrySchema,
  incidentRefSchema,
  personSchema,
  titledRecordSchema,
} from "../../kit/record-schemas.ts";
import type { ApiRouter } from "../../lib/api-router.ts";
import type { CsvColumn } from "../../lib/csv.ts";
import { escalateSchema, noteSchema } from "./alert-input.ts";
import { alertSchema } from "./alerts-api.ts";
import { escalateCase } from "./case-escalation.ts";
import {
  casePatchSchema,
  caseQuerySchema,
  caseStatusSchema,
  mergeAlertsSchema,
  newCaseSchema,
} from "./case-input.ts";
import {
  type CaseView,
  caseDeps,
  caseQueries,
  changeCaseStatus,
  createCase,
  deleteCase,
  getCase,
  mergeAlertsIntoCase,
  noteOnCase,
  restoreCase,
  updateCase,
} from "./cases.ts";
import { CASE_STATUSES } from "./cases-schema.ts";
import { CASE_KIND } from "./kind.ts";

/** A case as the API returns it. */
export const caseSchema = titledRecordSchema.extend({
  status: z.enum(CASE_STATUSES),
  owner: personSchema,
  incidentId: z.string().nullable(),
  createdBy: z.string().nullable(),
  alertCount: z.number().int(),
});

const noteEntrySchema = historyEntrySchema("caseId").extend({
  body: z.string().describe("Markdown"),
});

/** The columns of a case export. */
const CSV_COLUMNS: CsvColumn<CaseView>[] = [
  ...fieldColumns<CaseView>("id", "title", "status"),
  ...personColumns<CaseView>("owner"),
  { header: "alerts", value: (k) => k.alertCount },
  ...fieldColumns<CaseView>("incidentId"),
  ...timeColumns<CaseView>("createdAt"),
];

/** SOC cases as a record kind: the standard routes of the record kit. */
const caseRecords = defineRecordApi({
  kind: CASE_KIND,
  tag: "SOC cases",
  schema: caseSchema,
  query: caseQuerySchema,
  columns: CSV_COLUMNS,
  queries: caseQueries,
  create: {
    summary: "Open a case",
    description: "422 naming an alert that does not exist; 409 for an alert already in another case.",
    body: newCaseSchema,
    run: createCase,
  },
  get: {
    summary: "One case with its alerts and notes",
    schema: caseSchema.extend({
      alerts: z.array(alertSchema),
      notes: z.array(noteEntrySchema),
      incident: incidentRefSchema,
    }),
    run: getCase,
  },
  update: {
    description: "Send the version you read as `version` or `If-Match`; stale: 409, none: 428.",
    body: casePatchSchema,
    run: updateCase,
  },
  status: {
    description: "open → investigating or closed; investigating → closed; closed → investigating. Else 409.",
    body: caseStatusSchema,
    run: changeCaseStatus,
  },
  delete: deleteCase,
  restore: restoreCase,
  record: (router) =>
    router
      .act(
        "/:id/alerts",
        {
          summary: "Merge alerts into a case",
          description:
            "Alerts already in this case are left alone; 422 for an unknown alert, 409 for one in another case or when the case is closed or escalated.",
          body: mergeAlertsSchema,
          ok: { description: "Merged", schema: caseSchema },
          refused: {
            409: { description: "An alert is in another case, or the case is closed or escalated" },
          },
        },
        mergeAlertsIntoCase,
      )
      .act(
        "/:id/notes",
        {
          summary: "Add a note to a case",
          body: noteSchema,
          ok: { description: "Added", schema: noteEntrySchema },
          status: 201,
        },
        noteOnCase,
      )
      .act(
        "/:id/escalate",
        {
          summary: "Escalate a case to an incident",
          description:
            "One incident (new, or the open incident `incidentId`) whose timeline carries every alert's snapshot; the case's open alerts become escalated. 409 when escalated already, without alerts, or changed since `version`.",
          body: escalateSchema,
          ok: {
            description: "Escalated",
            schema: z.object({ case: caseSchema, incidentId: z.string(), createdIncident: z.boolean() }),
          },
          ifMatch: true,
        },
        escalateCase,
      ),
});

/**
 * SOC cases (read: every role; write, merge, escalate: analysts and up; delete, restore: admins):
 * - GET    /api/v1/soc/cases              list: page, pageSize, sort, q, status, ownerId
 * - GET    /api/v1/soc/cases/export       the same filters, all rows, as CSV or JSON
 * - POST   /api/v1/soc/cases              open one, grouping `alertIds` (201 + Location)
 * - GET    /api/v1/soc/cases/:id          one, with its alerts, notes and incident (ETag = version)
 * - PATCH  /api/v1/soc/cases/:id          edit (title, description, owner) against a version
 * - POST   /api/v1/soc/cases/:id/status   open → investigating → closed; closed → investigating
 * - POST   /api/v1/soc/cases/:id/alerts   merge alerts into it
 * - POST   /api/v1/soc/cases/:id/notes    add a note (markdown)
 * - POST   /api/v1/soc/cases/:id/escalate one incident carrying every alert's snapshot
 * - DELETE /api/v1/soc/cases/:id          soft delete
 * - POST   /api/v1/soc/cases/:id/restore  undo a delete
 */
export function socCasesApi(deps: AppDeps): ApiRouter {
  return recordApi(caseRecords, deps, caseDeps(deps));
}
