import type { Hono } from "hono";
import { CASE_DETAIL } from "../../../views/pages/soc/case-detail.tsx";
import { CASE_TABLE } from "../../../views/pages/soc/case-rows.tsx";
import type { AppDeps } from "../../deps.ts";
import { activePeopleFor } from "../../kit/active-user.ts";
import { recordPages } from "../../kit/record-module-pages.ts";
import type { AppEnv } from "../../lib/context.ts";
import { escalateCase } from "./case-escalation.ts";
import { casePatchSchema, caseStatusSchema } from "./case-input.ts";
import {
  caseDeps,
  changeCaseStatus,
  deleteCase,
  getCase,
  listCases,
  noteOnCase,
  restoreCase,
  updateCase,
} from "./cases.ts";
import { CASE_KIND } from "./kind.ts";
import { triageActions, triageDetail } from "./triage-pages.ts";

/**
 * The case pages (read: every role; act: analysts and up; delete/restore: admins). Cases
 * are opened from the alert queue (`POST /soc/cases`, in the alert pages):
 * - GET  /soc/cases           the list (filters, sort, pages in the URL; live rows)
 * - GET  /soc/cases/rows      its rows, for a live refresh (htmx)
 * - GET  /soc/cases/:id       a case: alerts, notes, actions
 * - POST /soc/cases/:id/status|owner|notes|escalate|delete|restore
 */
export function socCasesPages(deps: AppDeps): Hono<AppEnv> {
  const svc = caseDeps(deps);
  return recordPages(deps, {
    kind: CASE_KIND,
    svc,
    list: {
      run: listCases,
      table: CASE_TABLE,
      props: async (actor) => ({ people: await activePeopleFor(svc.db, actor, "cases") }),
    },
    detail: triageDetail(svc, "cases", getCase, CASE_DETAIL),
    actions: triageActions(
      { schema: caseStatusSchema, change: changeCaseStatus },
      { path: "owner", field: "ownerId", schema: casePatchSchema, change: updateCase, notice: "saved" },
      { change: noteOnCase, anchor: "notes-title" },
    ),
    remove: deleteCase,
    restore: restoreCase,
    routes: ({ post }) =>
      post(
        "escalate",
        (_c, form) => ({
          version: Number(form.version) || undefined,
          incidentId: form.incidentId || undefined,
        }),
        escalateCase,
        (_id, escalation) => `/incidents/${escalation.incidentId}?notice=caseEscalated`,
      ),
  });
}
