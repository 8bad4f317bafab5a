/** @jsxImportSource hono/jsx */
import type { Hono } from "hono";
import type { FormState } from "../../../views/components/form-field.tsx";
import type { AcceptanceFormValues } from "../../../views/pages/risks/acceptance.tsx";
import { RiskPage } from "../../../views/pages/risks/detail.tsx";
import { RISK_LINK_FIELDS, RiskForm } from "../../../views/pages/risks/form.tsx";
import { RiskSuggestion } from "../../../views/pages/risks/suggestion.tsx";
import { RISK_TABLE } from "../../../views/pages/risks/table.tsx";
import type { AppDeps } from "../../deps.ts";
import { activePeople } from "../../kit/active-user.ts";
import { formErrors, parseForm, readForm } from "../../kit/forms.ts";
import { mayPost } from "../../kit/page-permission.ts";
import { can } from "../../kit/rbac.ts";
import { recordActions } from "../../kit/record-action-routes.tsx";
import {
  choice,
  type FormField,
  nullable,
  type RecordFields,
  techniques,
  text,
  Unreadable,
} from "../../kit/record-form-fields.ts";
import { recordForm } from "../../kit/record-form-routes.tsx";
import { type DetailState, recordPages } from "../../kit/record-module-pages.ts";
import { endOfDay, startOfDay, toLocalInput } from "../../kit/zoned-day.ts";
import { type AppEnv, actorOf } from "../../lib/context.ts";
import { Validation } from "../../lib/errors.ts";
import { redirectAfterPost } from "../../lib/htmx.tsx";
import { assetChoices } from "../assets/service.ts";
import { incidentChoices } from "../incidents/techniques.ts";
import { threatChoices } from "../threats/threat-queries.ts";
import { vulnerabilityChoices } from "../vulnerabilities/queries.ts";
import { approveAcceptance, rejectAcceptance, requestAcceptance } from "./acceptance.ts";
import { riskHeatmaps } from "./heatmap.ts";
import { riskInsightRoutes } from "./insight-pages.tsx";
import { RISK } from "./kind.ts";
import * as schemas from "./risk-input.ts";
import { countAboveAppetite, getRisk, listRisks, type RiskView, riskDeps } from "./risk-queries.ts";
import { createRisk, deleteRisk, moveRisk, restoreRisk, updateRisk } from "./risk-service.ts";
import { riskSuggestion } from "./suggestion.ts";

/** A likelihood or impact: blank is "not given" (the one before it). */
const score = (get: (risk: RiskView) => number): FormField<RiskView> => ({
  show: (risk) => String(get(risk)),
  input: (typed) => (typed === "" ? undefined : Number(typed)),
});

/** A day typed in a date field, the start of that day in the viewer's time zone; blank is none. */
const day = (get: (risk: RiskView) => number | null): FormField<RiskView> => ({
  show: (risk, timeZone) => {
    const ms = get(risk);
    return ms === null ? "" : toLocalInput(ms, timeZone).slice(0, 10);
  },
  input: (typed, timeZone) =>
    typed === "" ? null : (startOfDay(typed, timeZone) ?? new Unreadable("Enter a date.")),
});

/** The risk form's fields (the linked records come apart, as lists). */
const FIELDS: RecordFields<RiskView> = {
  title: text((r) => r.title),
  description: text((r) => r.description),
  owner: choice((r) => r.owner.id),
  category: choice((r) => r.category),
  inherentLikelihood: score((r) => r.inherentLikelihood),
  inherentImpact: score((r) => r.inherentImpact),
  currentLikelihood: score((r) => r.currentLikelihood),
  currentImpact: score((r) => r.currentImpact),
  residualLikelihood: score((r) => r.residualLikelihood),
  residualImpact: score((r) => r.residualImpact),
  treatment: nullable((r) => r.treatment),
  treatmentPlan: text((r) => r.treatmentPlan),
  treatmentDueAt: day((r) => r.treatmentDueAt),
  nextReviewAt: day((r) => r.nextReviewAt),
  techniques: techniques((r) => r.techniques),
};

/**
 * The risk pages (read: every role; write: analysts and up; approve acceptances: managers
 * and admins; delete/restore: admins):
 * - GET  /risks, /risks/rows            the heat maps and the register (filters in the URL)
 * - GET  /risks/new, POST /risks        record one
 * - GET  /risks/trend, POST /risks/:id/likelihood   see insight-pages.tsx
 * - GET  /risks/:id                     one, with scores, the likelihood suggestion, links, acceptance and workflow
 * - GET|POST /risks/:id/edit            edit against the version shown
 * - POST /risks/:id/status|acceptance|acceptance/approve|acceptance/reject|delete|restore
 */
export function risksPages(deps: AppDeps): Hono<AppEnv> {
  const svc = riskDeps(deps);
  const people = () => activePeople(svc.db);

  return recordPages(deps, {
    kind: RISK,
    svc,
    list: {
      schema: schemas.riskQuerySchema,
      run: listRisks,
      table: RISK_TABLE,
      props: async (actor) => ({
        heatmaps: await riskHeatmaps(svc, actor),
        aboveAppetite: await countAboveAppetite(svc, actor),
        people: await people(),
      }),
    },
    detail: {
      get: riskSuggestion,
      title: ({ risk }) => risk.title,
      content: (
        c,
        { risk, suggestion },
        page,
        state: DetailState<{ acceptanceForm: FormState<AcceptanceFormValues> }>,
      ) => {
        const actor = actorOf(c);
        return (
          <RiskPage
            {...page}
            risk={risk}
            suggestion={
              <RiskSuggestion
                view={page.view}
                suggestion={suggestion}
                labels={svc.risk().matrix.likelihood}
                applyUrl={page.canEdit ? `/risks/${risk.id}/likelihood` : null}
                fields={{ version: String(risk.version) }}
              />
            }
            rights={{
              canRequest: can(actor, "update", "risks"),
              canDecide: can(actor, "approve", "risks"),
              viewerId: actor.id,
            }}
            acceptanceForm={state.acceptanceForm}
          />
        );
      },
    },
    form: recordForm({
      load: getRisk,
      fields: FIELDS,
      lists: {
        names: RISK_LINK_FIELDS,
        current: (r) => ({
          assetIds: r.links.asset.map((x) => x.id),
          vulnerabilityIds: r.links.vulnerability.map((x) => x.id),
          incidentIds: r.links.incident.map((x) => x.id),
          threatIds: r.links.threat.map((x) => x.id),
        }),
      },
      create: { schema: schemas.newRiskSchema, run: createRisk },
      update: { schema: schemas.riskPatchSchema, run: updateRisk },
      form: async (c, { state, lists }) => {
        const actor = actorOf(c);
        return (
          <RiskForm
            {...state}
            matrix={svc.risk().matrix}
            chosen={lists}
            offered={{
              assetIds: await assetChoices(svc, actor),
              vulnerabilityIds: await vulnerabilityChoices(svc.db),
              incidentIds: await incidentChoices(svc.db),
              threatIds: await threatChoices(svc.db),
            }}
            people={await people()}
          />
        );
      },
    }),
    actions: recordActions({ status: { schema: schemas.riskStatusSchema, change: moveRisk } }),
    remove: deleteRisk,
    restore: restoreRisk,
    routes: ({ router, facts, refused, detail, post }) => {
      riskInsightRoutes(router, svc, facts, refused);

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
