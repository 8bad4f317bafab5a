/** @jsxImportSource hono/jsx */
import type { Hono } from "hono";
import { RISK_DETAIL } from "../../../views/pages/risks/detail.tsx";
import { RISK_FORM } from "../../../views/pages/risks/form.tsx";
import { RISK_TABLE } from "../../../views/pages/risks/table.tsx";
import { RiskTrendPage } from "../../../views/pages/risks/trend.tsx";
import type { AppDeps } from "../../deps.ts";
import { activePeople, peopleToChoose } from "../../kit/active-user.ts";
import { formErrors, parseForm, readFilters, readForm } from "../../kit/forms.ts";
import { mayPost } from "../../kit/page-permission.ts";
import { can } from "../../kit/rbac.ts";
import { recordActions } from "../../kit/record-action-routes.tsx";
import { recordForm } from "../../kit/record-form-routes.tsx";
import { choicesWith } from "../../kit/record-lookup.ts";
import { recordPages } from "../../kit/record-module-pages.ts";
import { recordPost } from "../../kit/record-pages.tsx";
import { endOfDay } from "../../kit/zoned-day.ts";
import { type AppEnv, actorOf } from "../../lib/context.ts";
import { Validation } from "../../lib/errors.ts";
import { redirectAfterPost, renderPage } from "../../lib/htmx.tsx";
import { assetChoices } from "../assets/service.ts";
import { incidentChoices } from "../incidents/techniques.ts";
import { threatChoices } from "../threats/threat-queries.ts";
import { vulnerabilityChoices } from "../vulnerabilities/queries.ts";
import { approveAcceptance, rejectAcceptance, requestAcceptance } from "./acceptance.ts";
import { riskSuggestion } from "./evidence.ts";
import { RISK } from "./kind.ts";
import * as schemas from "./risk-input.ts";
import { countAboveAppetite, getRisk, listRisks, riskDeps, riskHeatmaps } from "./risk-queries.ts";
import { createRisk, deleteRisk, moveRisk, restoreRisk, updateRisk } from "./risk-service.ts";
import { registerTrend, trendQuerySchema } from "./trend.ts";

/**
 * The risk pages (read: every role; write: analysts and up; approve acceptances: managers
 * and admins; delete/restore: admins):
 * - GET  /risks, /risks/rows            the heat maps and the register (filters in the URL)
 * - GET  /risks/new, POST /risks        record one
 * - GET  /risks/trend?period=          the register's levels over time (daily snapshots)
 * - POST /risks/:id/likelihood          apply a likelihood suggestion: `likelihood` against
 *                                       `version` (stale: the usual conflict on the risk's page)
 * - GET  /risks/:id                     one, with scores, the likelihood suggestion, links, acceptance and workflow
 * - GET|POST /risks/:id/edit            edit against the version shown
 * - POST /risks/:id/status|acceptance|acceptance/approve|acceptance/reject|delete|restore
 */
export function risksPages(deps: AppDeps): Hono<AppEnv> {
  const svc = riskDeps(deps);

  return recordPages(deps, {
    kind: RISK,
    svc,
    list: {
      run: listRisks,
      table: RISK_TABLE,
      props: async (actor) => ({
        heatmaps: await riskHeatmaps(svc, actor),
        aboveAppetite: await countAboveAppetite(svc, actor),
        people: await activePeople(svc.db),
      }),
    },
    detail: {
      get: riskSuggestion,
      page: RISK_DETAIL,
      props: async (actor) => ({
        labels: svc.risk().matrix.likelihood,
        rights: {
          canRequest: can(actor, "update", "risks"),
          canDecide: can(actor, "approve", "risks"),
          viewerId: actor.id,
        },
      }),
    },
    form: recordForm({
      load: getRisk,
      form: RISK_FORM,
      props: async (actor, record) => ({
        matrix: svc.risk().matrix,
        // The records linked now stay choosable beyond the pickers' limit, so saving keeps them.
        offered: {
          assetIds: choicesWith(await assetChoices(svc, actor), record?.links.asset ?? []),
          vulnerabilityIds: choicesWith(
            await vulnerabilityChoices(svc.db),
            record?.links.vulnerability ?? [],
          ),
          incidentIds: choicesWith(await incidentChoices(svc.db), record?.links.incident ?? []),
          threatIds: choicesWith(await threatChoices(svc.db), record?.links.threat ?? []),
        },
        people: await peopleToChoose(svc.db, actor, "risks", record?.owner.id),
      }),
      create: { schema: schemas.newRiskSchema, run: createRisk },
      update: { schema: schemas.riskPatchSchema, run: updateRisk },
    }),
    actions: recordActions({ status: { schema: schemas.riskStatusSchema, change: moveRisk } }),
    remove: deleteRisk,
    restore: restoreRisk,
    routes: ({ router, facts, refused, detail, post }) => {
      router.get("/risks/trend", async (c) => {
        const view = c.get("view");
        const { filters } = readFilters(trendQuerySchema, c.req.query());
        const trend = await registerTrend(svc, actorOf(c), filters.period);
        return renderPage(c, {
          title: view.t("riskTrend.pageTitle"),
          content: (
            <RiskTrendPage view={view} period={trend.period} levels={trend.levels} days={trend.days} />
          ),
        });
      });

      router.post(
        "/risks/:id/likelihood",
        mayPost("update", "risks"),
        recordPost(
          async (c, id) => {
            const form = await readForm(c);
            const patch = await parseForm(schemas.riskPatchSchema, {
              currentLikelihood: Number(form.likelihood),
              version: Number(form.version) || undefined,
            });
            return updateRisk(svc, actorOf(c), id, patch, facts(c));
          },
          (id) => `/risks/${id}?notice=applied`,
          refused,
        ),
      );

      router.post("/risks/:id/acceptance", mayPost("update", "risks"), async (c) => {
        const id = c.req.param("id");
        const form = await readForm(c);
        const values = { reason: form.reason ?? "", expiresAt: form.expiresAt ?? "" };
        const expiresAt = values.expiresAt ? endOfDay(values.expiresAt, c.get("view").fmt.timeZone) : null;
        try {
          const input = await parseForm(
            schemas.acceptanceRequestSchema,
            { reason: values.reason, expiresAt: expiresAt ?? undefined },
            values.expiresAt && expiresAt === null ? { expiresAt: "Enter a date." } : {},
          );
          await requestAcceptance(svc, actorOf(c), id, input, facts(c));
        } catch (error) {
          if (error instanceof Validation)
            return detail(c, id, {
              status: 422,
              acceptanceForm: { values, errors: formErrors(error, c.get("view").t) },
            });
          return refused(c, id, error);
        }
        return redirectAfterPost(c, `/risks/${id}?notice=requested`);
      });

      for (const [action, decide, notice] of [
        ["approve", approveAcceptance, "approved"],
        ["reject", rejectAcceptance, "rejected"],
      ] as const)
        post(
          `acceptance/${action}`,
          (_c, form) => parseForm(schemas.acceptanceDecisionSchema, { note: form.note ?? "" }),
          decide,
          (id) => `/risks/${id}?notice=${notice}`,
        );
    },
  });
}
