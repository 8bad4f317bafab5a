/** @jsxImportSource hono/jsx */

import type { ChoosablePerson } from "../../../src/kit/active-user.ts";
import {
  choice,
  type FormField,
  nullable,
  techniques,
  text,
  Unreadable,
} from "../../../src/kit/record-form-fields.ts";
import { startOfDay, toLocalInput } from "../../../src/kit/zoned-day.ts";
import type { RiskMatrix } from "../../../src/modules/risks/matrix.ts";
import type { RiskView } from "../../../src/modules/risks/risk-queries.ts";
import { RISK_CATEGORIES, RISK_TREATMENTS } from "../../../src/modules/risks/schema.ts";
import { type Choice, type FormItem, namedChoices } from "../../components/form-fields.tsx";
import type { RecordFormSpec } from "../../components/record-form.tsx";

/** The link lists of the form, by field. */
const RISK_LINK_FIELDS = ["assetIds", "vulnerabilityIds", "incidentIds", "threatIds"] as const;

/** One of the form's link lists. */
type RiskLinkField = (typeof RISK_LINK_FIELDS)[number];

/** What the risk form offers: the matrix's scales, what each link list offers, and the people who can own it. */
interface RiskFormChoices {
  matrix: RiskMatrix;
  offered: Record<RiskLinkField, { id: string; name: string }[]>;
  people: ChoosablePerson[];
}

/** A likelihood or impact: blank is "not given" (the one before it). */
const score = (get: (risk: RiskView) => number): FormField<RiskView> => ({
  show: (risk) => String(get(risk)),
  input: (typed) => (typed === "" ? undefined : Number(typed)),
});

/** A day typed in a date field, the start of that day in the viewer's time zone; blank is none. */
const day = (get: (risk: RiskView) => number | null): FormField<RiskView> => ({
  coarse: true,
  show: (risk, timeZone) => {
    const ms = get(risk);
    return ms === null ? "" : toLocalInput(ms, timeZone).slice(0, 10);
  },
  input: (typed, timeZone) =>
    typed === "" ? null : (startOfDay(typed, timeZone) ?? new Unreadable("Enter a date.")),
});

/** The choices of a likelihood or impact: `n · label`. */
const scale = (labels: readonly string[], blank: Choice[]) => [
  ...blank,
  ...labels.map((label, i) => ({ value: String(i + 1), label: `${i + 1} · ${label}` })),
];

/** The risk's create and edit form; the linked records are posted beside the fields, as lists. */
export const RISK_FORM: RecordFormSpec<RiskView, RiskFormChoices, RiskLinkField> = {
  fields: {
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
  },
  lists: {
    names: RISK_LINK_FIELDS,
    current: (r) => ({
      assetIds: r.links.asset.map((x) => x.id),
      vulnerabilityIds: r.links.vulnerability.map((x) => x.id),
      incidentIds: r.links.incident.map((x) => x.id),
      threatIds: r.links.threat.map((x) => x.id),
    }),
  },
  items: ({ t, text, choice, person }, { form, lists, matrix, offered, people }) => {
    // Accepting is a manager's decision (the acceptance panel): offered only while it is the treatment.
    const treatments = RISK_TREATMENTS.filter((x) => x !== "accept" || form.values.treatment === "accept");
    const scorePair = (kind: "inherent" | "current" | "residual", blank: Choice[]): FormItem => ({
      kind: "group",
      class: "form-grid risk-score-fields",
      fields: [
        {
          kind: "select",
          name: `${kind}Likelihood`,
          label: t(`risks.field.${kind}Likelihood`),
          options: scale(matrix.likelihood, blank),
        },
        {
          kind: "select",
          name: `${kind}Impact`,
          label: t(`risks.field.${kind}Impact`),
          options: scale(matrix.impact, blank),
        },
      ],
    });
    const sameAs = (what: string) => [{ value: "", label: t(`risks.field.sameAs.${what}`) }];
    const linkField = (field: RiskLinkField): FormItem =>
      offered[field].length > 0
        ? {
            kind: "multi",
            name: field,
            label: t(`risks.field.${field}`),
            size: Math.min(6, Math.max(3, offered[field].length)),
            values: lists[field],
            options: namedChoices([], offered[field]),
          }
        : null;
    return [
      text("title", { required: true, maxlength: 200 }),
      {
        kind: "group",
        fields: [
          person("owner", people, { label: "owner", none: "risks.choose" }),
          choice("category", RISK_CATEGORIES, { lead: "risks.choose" }),
        ],
      },
      {
        kind: "note",
        content: <p class="field-help risk-score-help">{t("risks.field.scoresHelp")}</p>,
      },
      scorePair("inherent", [{ value: "", label: t("risks.choose") }]),
      scorePair("current", sameAs("inherent")),
      scorePair("residual", sameAs("current")),
      {
        kind: "group",
        fields: [
          choice("treatment", treatments, { lead: "risks.untreated", help: "risks.field.treatmentHelp" }),
          text("treatmentDueAt", { type: "date" }),
          text("nextReviewAt", { type: "date", help: t("risks.field.nextReviewHelp") }),
        ],
      },
      text("treatmentPlan", { rows: 4, maxlength: 20_000 }),
      text("description", { rows: 6, maxlength: 50_000 }),
      { kind: "group", fields: [linkField("assetIds"), linkField("vulnerabilityIds")] },
      { kind: "group", fields: [linkField("incidentIds"), linkField("threatIds")] },
      text("techniques", { help: t("risks.field.techniquesHelp"), maxlength: 1000, spellcheck: false }),
    ];
  },
};
