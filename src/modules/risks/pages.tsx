/** @jsxImportSource hono/jsx */
import type { Hono } from "hono";
import type { FormState } from "../../../views/components/form-field.tsx";
import type { AcceptanceFormValues } from "../../../views/pages/risks/acceptance.tsx";
import { RiskPage } from "../../../views/pages/risks/detail.tsx";
import {
  RISK_LINK_FIELDS,
  RiskForm,
  type RiskFormValues,
  type RiskLinkChoice,
} from "../../../views/pages/risks/form.tsx";
import { RisksPage } from "../../../views/pages/risks/index.tsx";
import { RiskSuggestion } from "../../../views/pages/risks/suggestion.tsx";
import { RISK_TABLE } from "../../../views/pages/risks/table.tsx";
import type { AppDeps } from "../../deps.ts";
import { formErrors, parseForm, readForm, readFormLists } from "../../kit/forms.ts";
import { can } from "../../kit/rbac.ts";
import { type DetailState, recordActions, recordForm, recordPages } from "../../kit/record-module-pages.ts";
import { endOfDay, startOfDay, toLocalInput } from "../../kit/zoned-day.ts";
import { type AppEnv, actorOf } from "../../lib/context.ts";
import { type FieldErrors, Validation } from "../../lib/errors.ts";
import { redirectAfterPost } from "../../lib/htmx.tsx";
import { techniqueList } from "../../lib/technique-ids.ts";
import { assetChoices } from "../assets/service.ts";
import { incidentChoices } from "../incidents/techniques.ts";
import { threatChoices } from "../threats/threat-queries.ts";
import { activePeople } from "../users/service.ts";
import { vulnerabilityChoices } from "../vulnerabilities/queries.ts";
import { approveAcceptance, rejectAcceptance, requestAcceptance } from "./acceptance.ts";
import { riskHeatmaps } from "./heatmap.ts";
import { riskInsightRoutes } from "./insight-pages.tsx";
import { RISK } from "./kind.ts";
import * as schemas from "./risk-input.ts";
import { countAboveAppetite, getRisk, listRisks, type RiskDeps } from "./risk-queries.ts";
import { createRisk, deleteRisk, moveRisk, restoreRisk, updateRisk } from "./risk-service.ts";
import { riskSuggestion } from "./suggestion.ts";

/** The likelihood and impact of each score the form takes. */
const SCORES = [
  "inherentLikelihood",
  "inherentImpact",
  "currentLikelihood",
  "currentImpact",
  "residualLikelihood",
  "residualImpact",
] as const;

const FIELDS: (keyof RiskFormValues)[] = [
  "title",
  "description",
  "owner",
  "category",
  ...SCORES,
  "treatment",
  "treatmentPlan",
  "treatmentDueAt",
  "nextReviewAt",
  "techniques",
  "version",
];

const formValues = (form: Record<string, string>) =>
  Object.fromEntries(FIELDS.map((f) => [f, form[f] ?? ""])) as RiskFormValues;

/** A day typed in a date field as the start of that day in `timeZone`; `undefined` when invalid. */
function dayOf(value: string, timeZone: string): number | null | undefined {
  if (value === "") return null;
  return startOfDay(value, timeZone) ?? undefined;
}

/** The typed values as service input, with the problems only the page can see (a bad date). */
function toInput(values: RiskFormValues, links: RiskLinkChoice, timeZone: string) {
  const more: FieldErrors = {};
  const days = {
    treatmentDueAt: dayOf(values.treatmentDueAt, timeZone),
    nextReviewAt: dayOf(values.nextReviewAt, timeZone),
  };
  for (const [field, value] of Object.entries(days)) if (value === undefined) more[field] = "Enter a date.";
  const scores = Object.fromEntries(
    SCORES.filter((f) => values[f] !== "").map((f) => [f, Number(values[f])]),
  );
  return {
    input: {
      title: values.title,
      description: values.description,
      owner: values.owner || undefined,
      category: values.category || undefined,
      ...scores,
      treatment: values.treatment || null,
      treatmentPlan: values.treatmentPlan,
      treatmentDueAt: days.treatmentDueAt ?? null,
      nextReviewAt: days.nextReviewAt ?? null,
      techniques: techniqueList(values.techniques),
      ...links,
    },
    more,
  };
}

/** A stored day as a date field shows it. */
const dateInput = (ms: number | null, timeZone: string) =>
  ms === null ? "" : toLocalInput(ms, timeZone).slice(0, 10);

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
  const svc: RiskDeps = {
    db: deps.database.db,
    bus: deps.bus,
    risk: () => deps.config.get().risk,
    events: deps.notifier,
  };
  const people = () => activePeople(svc.db);
  const noLinks = { assetIds: [], vulnerabilityIds: [], incidentIds: [], threatIds: [] };

  return recordPages(deps, {
    kind: RISK,
    svc,
    list: {
      schema: schemas.riskQuerySchema,
      run: listRisks,
      table: RISK_TABLE,
      page: RisksPage,
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
      read: async (c) => ({
        values: formValues(await readForm(c)),
        extra: await readFormLists(c, ...RISK_LINK_FIELDS),
      }),
      blank: () => ({ values: {}, extra: noLinks }),
      load: getRisk,
      current: (c, r) => {
        const zone = c.get("view").fmt.timeZone;
        return {
          values: {
            ...formValues({}),
            title: r.title,
            description: r.description,
            owner: r.owner.id,
            category: r.category,
            ...Object.fromEntries(SCORES.map((f) => [f, String(r[f])])),
            treatment: r.treatment ?? "",
            treatmentPlan: r.treatmentPlan,
            treatmentDueAt: dateInput(r.treatmentDueAt, zone),
            nextReviewAt: dateInput(r.nextReviewAt, zone),
            techniques: r.techniques.map((x) => x.attackId).join(" "),
            version: String(r.version),
          },
          extra: {
            assetIds: r.links.asset.map((x) => x.id),
            vulnerabilityIds: r.links.vulnerability.map((x) => x.id),
            incidentIds: r.links.incident.map((x) => x.id),
            threatIds: r.links.threat.map((x) => x.id),
          },
        };
      },
      input: (c, { values, extra }) => toInput(values, extra as RiskLinkChoice, c.get("view").fmt.timeZone),
      create: { schema: schemas.newRiskSchema, run: createRisk },
      update: { schema: schemas.riskPatchSchema, run: updateRisk },
      form: async (c, { state, extra }) => {
        const actor = actorOf(c);
        return (
          <RiskForm
            {...state}
            matrix={svc.risk().matrix}
            chosen={extra ?? noLinks}
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

      router.post("/risks/:id/acceptance", async (c) => {
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
