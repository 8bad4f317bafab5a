/** @jsxImportSource hono/jsx */

import { RISK } from "../../../src/modules/risks/kind.ts";
import type { RiskMatrix } from "../../../src/modules/risks/matrix.ts";
import { RISK_CATEGORIES, RISK_TREATMENTS } from "../../../src/modules/risks/schema.ts";
import { type Choice, type FormItem, namedChoices } from "../../components/form-fields.tsx";
import { RecordForm, type RecordFormState } from "../../components/record-form.tsx";

/** The link lists of the form, by field. */
export const RISK_LINK_FIELDS = ["assetIds", "vulnerabilityIds", "incidentIds", "threatIds"] as const;

/** The chosen linked records, by field. */
export type RiskLinkChoice = Record<(typeof RISK_LINK_FIELDS)[number], string[]>;

/** Props of the risk form. */
export interface RiskFormProps extends RecordFormState {
  matrix: RiskMatrix;
  chosen: RiskLinkChoice;
  /** What each link list offers. */
  offered: Record<(typeof RISK_LINK_FIELDS)[number], { id: string; name: string }[]>;
  people: { id: string; name: string }[];
}

/** The choices of a likelihood or impact: `n · label`. */
const scale = (labels: readonly string[], blank: Choice[]) => [
  ...blank,
  ...labels.map((label, i) => ({ value: String(i + 1), label: `${i + 1} · ${label}` })),
];

/** The create and edit form: values kept and errors beside each field after a 422 or 409. */
export function RiskForm({ matrix, chosen, offered, people, ...state }: RiskFormProps) {
  const { view, form } = state;
  const { t } = view;
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
  const linkField = (field: (typeof RISK_LINK_FIELDS)[number]): FormItem =>
    offered[field].length > 0
      ? {
          kind: "multi",
          name: field,
          label: t(`risks.field.${field}`),
          size: Math.min(6, Math.max(3, offered[field].length)),
          values: chosen[field],
          options: namedChoices([], offered[field]),
        }
      : null;
  return (
    <RecordForm
      {...state}
      kind={RISK}
      items={({ text, choice, person }) => [
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
      ]}
    />
  );
}
