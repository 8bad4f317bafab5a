/** @jsxImportSource hono/jsx */

import type { ViewContext } from "../../../src/lib/context.ts";
import { CONDITION_TYPES, METRIC_SERIES, OPERATORS } from "../../../src/lib/rule-definition.ts";

/** The choices of the host scope field. */
export const HOST_SCOPE_CHOICES = ["local", "all", "ids", "tag"] as const;

import { SEVERITIES } from "../../../src/lib/severity.ts";
import { RULE } from "../../../src/modules/rules/kind.ts";
import {
  CheckField,
  type FormState,
  firstInvalid,
  SelectField,
  TextField,
} from "../../components/form-field.tsx";
import { RecordForm } from "../../components/record-form.tsx";

/** The fields in the order of the form (the first with an error gets the focus). */
export const RULE_FIELDS = [
  "name",
  "type",
  "series",
  "mount",
  "operator",
  "threshold",
  "clear",
  "processName",
  "ignorePorts",
  "udp",
  "forSeconds",
  "severity",
  "renotifySeconds",
  "hostScope",
  "hostTarget",
  "techniques",
  "enabled",
  "autoClose",
] as const;

/** What the rule form holds, as typed: one flat form (the condition's fields by type), a ticked box `"on"`, and the version edited. */
export type RuleFormValues = Record<(typeof RULE_FIELDS)[number] | "version", string>;

/** Props of the rule form. */
export interface RuleFormProps {
  view: ViewContext;
  form: FormState<RuleFormValues>;
  /** Where the form posts: `/soc/rules` or `/soc/rules/:id/edit`. */
  action: string;
  /** A problem with the whole form (someone else changed the rule meanwhile). */
  conflict?: string;
}

/**
 * The create and edit form of a stored rule: the condition's fields are grouped by type
 * (the stylesheet shows only the chosen type's group where the browser can); values kept
 * and errors beside each field after a 422 or 409.
 */
export function RuleForm({ view, form, action, conflict }: RuleFormProps) {
  const { t } = view;
  const { values, errors } = form;
  const focus = firstInvalid(errors, RULE_FIELDS) ?? (values.version ? undefined : "name");
  const field = (name: (typeof RULE_FIELDS)[number]) => ({
    name,
    label: t(`rules.field.${name}`),
    value: values[name] ?? "",
    error: errors[name],
    autofocus: focus === name,
  });
  const options = (group: string, list: readonly string[]) =>
    list.map((value) => ({ value, label: t(`${group}.${value}`) }));
  return (
    <RecordForm
      view={view}
      kind={RULE}
      action={action}
      cancel="/soc/rules"
      conflict={conflict}
      version={values.version}
      class="rule-form"
    >
      <TextField {...field("name")} required maxlength={200} />
      <SelectField {...field("type")} required options={options("rules.type", CONDITION_TYPES)} />
      <fieldset class="rule-cond rule-cond-metric">
        <legend>{t("rules.type.metric")}</legend>
        <div class="form-grid">
          <SelectField {...field("series")} options={options("rules.series", METRIC_SERIES)} />
          <TextField
            {...field("mount")}
            maxlength={500}
            spellcheck={false}
            help={t("rules.field.mountHelp")}
          />
          <SelectField {...field("operator")} options={OPERATORS.map((o) => ({ value: o, label: o }))} />
          <TextField {...field("threshold")} inputmode="numeric" help={t("rules.field.thresholdHelp")} />
          <TextField {...field("clear")} inputmode="numeric" help={t("rules.field.clearHelp")} />
        </div>
      </fieldset>
      <fieldset class="rule-cond rule-cond-process_absent">
        <legend>{t("rules.type.process_absent")}</legend>
        <TextField
          {...field("processName")}
          maxlength={64}
          spellcheck={false}
          help={t("rules.field.processNameHelp")}
        />
      </fieldset>
      <fieldset class="rule-cond rule-cond-new_listening_port">
        <legend>{t("rules.type.new_listening_port")}</legend>
        <TextField {...field("ignorePorts")} spellcheck={false} help={t("rules.field.ignorePortsHelp")} />
        <CheckField {...field("udp")} checked={values.udp === "on"} help={t("rules.field.udpHelp")} />
      </fieldset>
      <div class="form-grid">
        <TextField {...field("forSeconds")} inputmode="numeric" help={t("rules.field.forSecondsHelp")} />
        <SelectField {...field("severity")} options={options("severity", SEVERITIES)} />
        <TextField
          {...field("renotifySeconds")}
          inputmode="numeric"
          help={t("rules.field.renotifySecondsHelp")}
        />
      </div>
      <div class="form-grid">
        <SelectField
          {...field("hostScope")}
          options={HOST_SCOPE_CHOICES.map((value) => ({ value, label: t(`rules.hostScope.${value}`) }))}
        />
        <TextField
          {...field("hostTarget")}
          maxlength={2000}
          spellcheck={false}
          help={t("rules.field.hostTargetHelp")}
        />
      </div>
      <TextField
        {...field("techniques")}
        help={t("rules.field.techniquesHelp")}
        maxlength={1000}
        spellcheck={false}
      />
      <CheckField {...field("enabled")} checked={values.enabled === "on"} />
      <CheckField
        {...field("autoClose")}
        checked={values.autoClose === "on"}
        help={t("rules.field.autoCloseHelp")}
      />
    </RecordForm>
  );
}
