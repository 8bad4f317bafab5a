import type { Context, Hono } from "hono";
import { ALERT_DETAIL } from "../../../views/pages/soc/alert-detail.tsx";
import { alertTable } from "../../../views/pages/soc/alert-rows.tsx";
import type { AppDeps } from "../../deps.ts";
import { activePeopleFor } from "../../kit/active-user.ts";
import { formErrors, parseForm, readForm, readFormLists, refusalText } from "../../kit/forms.ts";
import { mayPost } from "../../kit/page-permission.ts";
import { can } from "../../kit/rbac.ts";
import { recordPages } from "../../kit/record-module-pages.ts";
import { type AppEnv, actorOf } from "../../lib/context.ts";
import { AppError, Validation } from "../../lib/errors.ts";
import { redirectAfterPost } from "../../lib/htmx.tsx";
import { escalateAlert } from "./alert-escalation.ts";
import { alertPatchSchema, alertStatusSchema } from "./alert-input.ts";
import { alertDeps, getAlert, listAlerts } from "./alert-queries.ts";
import { changeAlertStatus, deleteAlert, noteOnAlert, restoreAlert, updateAlert } from "./alerts.ts";
import { mergeAlertsSchema, newCaseSchema } from "./case-input.ts";
import { openCases } from "./case-membership.ts";
import { createCase, mergeAlertsIntoCase } from "./cases.ts";
import { ALERT_KIND } from "./kind.ts";
import { triageActions, triageDetail } from "./triage-pages.ts";

/**
 * The SOC alert pages (read: every role; act: analysts and up; delete/restore: admins):
 * - GET  /soc                       the queue (filters, sort, pages in the URL; live rows)
 * - GET  /soc/rows                  its rows, for a live refresh (htmx)
 * - POST /soc/cases, /soc/cases/merge  the ticked alerts into a new case, or into an open one
 * - GET  /soc/:id                   an alert: context, history, actions
 * - POST /soc/:id/status|assign|escalate|notes|delete|restore
 */
export function socPages(deps: AppDeps): Hono<AppEnv> {
  const svc = alertDeps(deps);
  const caseSvc = { db: svc.db, bus: svc.bus, alertEvents: svc.alertEvents };
  return recordPages(deps, {
    kind: ALERT_KIND,
    svc,
    list: {
      run: listAlerts,
      // The queue's URLs (both tables share them); each request's rows come from `tableFor`.
      table: alertTable(false),
      tableFor: (c, filters, refusal) =>
        alertTable(can(actorOf(c), "update", "cases") && filters.deleted !== "only", refusal?.ticked),
      props: async (actor, refusal) => ({
        people: await activePeopleFor(caseSvc.db, actor, "cases"),
        cases: can(actor, "update", "cases") ? await openCases(svc.db, actor) : null,
        error: refusal?.error ?? null,
        typed: refusal?.typed ?? {},
      }),
    },
    detail: triageDetail(caseSvc, "alerts", getAlert, ALERT_DETAIL),
    actions: triageActions(
      { schema: alertStatusSchema, change: changeAlertStatus },
      {
        path: "assign",
        field: "assignedTo",
        schema: alertPatchSchema,
        change: updateAlert,
        notice: "assigned",
      },
      { change: noteOnAlert, anchor: "history-title" },
    ),
    remove: deleteAlert,
    restore: restoreAlert,
    routes: ({ router, facts, list, post }) => {
      /**
       * A bulk action from the queue (its filters in the query): the case it made or filled,
       * or the queue again with why not, the title typed and the alerts ticked.
       */
      const bulk =
        (run: (c: Context<AppEnv>, form: Record<string, string>, alertIds: string[]) => Promise<string>) =>
        async (c: Context<AppEnv>) => {
          const form = await readForm(c);
          const { alertIds } = await readFormLists(c, "alertIds");
          try {
            return redirectAfterPost(c, await run(c, form, alertIds));
          } catch (error) {
            if (error instanceof AppError && (error.status === 409 || error.status === 422)) {
              const fields =
                error instanceof Validation ? Object.values(formErrors(error, c.get("view").t)) : [];
              return list(c, {
                error: fields[0] ?? refusalText(error, c.get("view").t),
                status: error.status as 409 | 422,
                typed: form,
                ticked: alertIds,
              });
            }
            throw error;
          }
        };

      router.post(
        "/soc/cases",
        mayPost("create", "cases"),
        bulk(async (c, form, alertIds) => {
          await parseForm(mergeAlertsSchema, { alertIds });
          const input = await parseForm(newCaseSchema, { title: form.title ?? "", alertIds });
          const created = await createCase(caseSvc, actorOf(c), input, facts(c));
          return `/soc/cases/${created.id}?notice=created`;
        }),
      );

      router.post(
        "/soc/cases/merge",
        mayPost("update", "cases"),
        bulk(async (c, form, alertIds) => {
          const input = await parseForm(mergeAlertsSchema, { alertIds });
          if (!form.caseId) throw new Validation({ caseId: c.get("view").t("alerts.bulk.chooseCase") });
          await mergeAlertsIntoCase(caseSvc, actorOf(c), form.caseId, input, facts(c));
          return `/soc/cases/${form.caseId}?notice=merged`;
        }),
      );

      post(
        "escalate",
        (_c, form) => {
          const attach = form.target === "attach";
          if (attach && !form.incidentId)
            throw new Validation(
              { incidentId: "Choose the incident to attach it to." },
              "Choose the incident to attach it to.",
            );
          return {
            version: Number(form.version) || undefined,
            incidentId: attach ? form.incidentId : undefined,
          };
        },
        escalateAlert,
        (_id, escalation) => `/incidents/${escalation.incidentId}?notice=escalated`,
      );
    },
  });
}
