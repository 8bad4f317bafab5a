import type { Context } from "hono";
import { z } from "zod";
import type { AppDeps } from "../../deps.ts";
import { ListCache } from "../../kit/list-cache.ts";
import {
  actionRoute,
  createRoute,
  deleteRoute,
  exportRoute,
  getRoute,
  listRoute,
  restoreRoute,
  versionedRoute,
  withIfMatch,
} from "../../kit/record-routes.ts";
import { incidentRefSchema, personSchema, recordStampsSchema } from "../../kit/record-schemas.ts";
import { ApiRouter } from "../../lib/api-router.ts";
import { type AppEnv, actorOf } from "../../lib/context.ts";
import type { Page } from "../../lib/list-query.ts";
import { requestFacts } from "../../lib/request-facts.ts";
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
  changeCaseStatus,
  createCase,
  deleteCase,
  exportCases,
  getCase,
  listCases,
  mergeAlertsIntoCase,
  noteOnCase,
  restoreCase,
  updateCase,
} from "./cases.ts";
import { CASE_STATUSES } from "./cases-schema.ts";

/** A case as the API returns it. */
export const caseSchema = recordStampsSchema.extend({
  id: z.string(),
  title: z.string(),
  description: z.string().describe("Markdown"),
  status: z.enum(CASE_STATUSES),
  owner: personSchema,
  incidentId: z.string().nullable(),
  createdBy: z.string().nullable(),
  alertCount: z.number().int(),
});

const noteEntrySchema = z.object({
  id: z.string(),
  caseId: z.string(),
  at: z.number().int(),
  actorId: z.string().nullable(),
  actorLabel: z.string(),
  body: z.string().describe("Markdown"),
});

/** The columns of a case export. */
const CSV_COLUMNS = [
  { header: "id", value: (k: CaseView) => k.id },
  { header: "title", value: (k: CaseView) => k.title },
  { header: "status", value: (k: CaseView) => k.status },
  { header: "owner", value: (k: CaseView) => k.owner?.name ?? "" },
  { header: "alerts", value: (k: CaseView) => k.alertCount },
  { header: "incident_id", value: (k: CaseView) => k.incidentId ?? "" },
  { header: "created_at", value: (k: CaseView) => new Date(k.createdAt).toISOString() },
];

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
  const svc = {
    db: deps.database.db,
    bus: deps.bus,
    alertEvents: deps.alertEvents,
    lists: new ListCache<Page<CaseView>>(deps.bus, "cases"),
  };
  const facts = (c: Context<AppEnv>) => requestFacts(c, deps.config);
  return new ApiRouter("/soc/cases", "SOC cases")
    .get(
      ...listRoute(
        {
          plural: "cases",
          permission: { action: "read", resource: "cases" },
          filters: caseQuerySchema,
          item: caseSchema,
        },
        (c, query) => listCases(svc, actorOf(c), query),
      ),
    )
    .get(
      ...exportRoute({
        noun: "case",
        plural: "cases",
        permission: { action: "read", resource: "cases" },
        filters: caseQuerySchema,
        columns: CSV_COLUMNS,
        rows: (c, query) => exportCases(svc, actorOf(c), query),
      }),
    )
    .post(
      ...createRoute(
        {
          summary: "Open a case",
          permission: { action: "create", resource: "cases" },
          description: "422 naming an alert that does not exist; 409 for an alert already in another case.",
          body: newCaseSchema,
          schema: caseSchema,
        },
        "/api/v1/soc/cases",
        (c, body) => createCase(svc, actorOf(c), body, facts(c)),
      ),
    )
    .get(
      ...getRoute(
        {
          summary: "One case with its alerts and notes",
          permission: { action: "read", resource: "cases" },
          ok: {
            description: "The case; ETag carries its version",
            schema: caseSchema.extend({
              alerts: z.array(alertSchema),
              notes: z.array(noteEntrySchema),
              incident: incidentRefSchema,
            }),
          },
        },
        (c, id) => getCase(svc, actorOf(c), id),
      ),
    )
    .patch(
      ...versionedRoute(
        "/:id",
        {
          summary: "Edit a case",
          permission: { action: "update", resource: "cases" },
          description: "Send the version you read as `version` or `If-Match`; stale: 409, none: 428.",
          body: casePatchSchema,
          ok: { description: "Updated", schema: caseSchema },
        },
        (c, id, patch) => updateCase(svc, actorOf(c), id, patch, facts(c)),
      ),
    )
    .post(
      ...versionedRoute(
        "/:id/status",
        {
          summary: "Move a case along its workflow",
          permission: { action: "update", resource: "cases" },
          description:
            "open → investigating or closed; investigating → closed; closed → investigating. Else 409.",
          body: caseStatusSchema,
          ok: { description: "Moved", schema: caseSchema },
        },
        (c, id, change) => changeCaseStatus(svc, actorOf(c), id, change, facts(c)),
      ),
    )
    .post(
      ...actionRoute(
        "/:id/alerts",
        {
          summary: "Merge alerts into a case",
          permission: { action: "update", resource: "cases" },
          description:
            "Alerts already in this case are left alone; 422 for an unknown alert, 409 for one in another case.",
          body: mergeAlertsSchema,
          ok: { description: "Merged", schema: caseSchema },
        },
        (c, id, body) => mergeAlertsIntoCase(svc, actorOf(c), id, body, facts(c)),
      ),
    )
    .post(
      ...actionRoute(
        "/:id/notes",
        {
          summary: "Add a note to a case",
          permission: { action: "update", resource: "cases" },
          body: noteSchema,
          ok: { description: "Added", schema: noteEntrySchema },
          created: true,
        },
        (c, id, body) => noteOnCase(svc, actorOf(c), id, body, facts(c)),
      ),
    )
    .post(
      ...actionRoute(
        "/:id/escalate",
        {
          summary: "Escalate a case to an incident",
          permission: { action: "update", resource: "cases" },
          description:
            "One incident (new, or the open incident `incidentId`) whose timeline carries every alert's snapshot; the case's open alerts become escalated. 409 when escalated already, without alerts, or changed since `version`.",
          body: escalateSchema,
          ok: {
            description: "Escalated",
            schema: z.object({ case: caseSchema, incidentId: z.string(), createdIncident: z.boolean() }),
          },
        },
        (c, id, body) => escalateCase(svc, actorOf(c), id, withIfMatch(c, body), facts(c)),
      ),
    )
    .delete(
      ...deleteRoute(
        { summary: "Delete a case (restorable)", permission: { action: "delete", resource: "cases" } },
        (c, id) => deleteCase(svc, actorOf(c), id, facts(c)),
      ),
    )
    .post(
      ...restoreRoute(
        {
          summary: "Restore a deleted case",
          permission: { action: "delete", resource: "cases" },
          schema: caseSchema,
        },
        (c, id) => restoreCase(svc, actorOf(c), id, facts(c)),
      ),
    );
}
