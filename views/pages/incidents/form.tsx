/** @jsxImportSource hono/jsx */

import type { ViewContext } from "../../../src/lib/context.ts";
import { SEVERITIES } from "../../../src/lib/severity.ts";
import {
  type FormState,
  firstInvalid,
  SelectField,
  TextAreaField,
  TextField,
} from "../../components/form-field.tsx";
import { RecordForm } from "../../components/record-form.tsx";
import { INCIDENT } from "./kind.ts";

/** What the incident form holds, as typed. */
export interface IncidentFormValues extends Record<string, string> {
  title: string;
  severity: string;
  category: string;
  assignedTo: string;
  /** `YYYY-MM-DDTHH:MM` in the viewer's zone. */
  detectedAt: string;
  description: string;
  /** The version edited (edit form only). */
  version: string;
}

/** The fields in the order of the form (the first with an error gets the focus). */
export const INCIDENT_FIELDS = [
  "title",
  "severity",
  "category",
  "assignedTo",
  "detectedAt",
  "description",
] as const;

/** Props of the incident form. */
export interface IncidentFormProps {
  view: ViewContext;
  form: FormState<IncidentFormValues>;
  people: { id: string; name: string }[];
  /** Where the form posts: `/incidents` or `/incidents/:id/edit`. */
  action: string;
  /** Where Cancel leads. */
  cancel: string;
  /** A problem with the whole form (someone else changed the incident meanwhile). */
  conflict?: string;
}

/** The create and edit form: values kept and errors shown beside each field after a 422 or 409. */
export function IncidentForm({ view, form, people, action, cancel, conflict }: IncidentFormProps) {
  const { t } = view;
  const { values, errors } = form;
  const focus = firstInvalid(errors, INCIDENT_FIELDS);
  const editing = Boolean(values.version);
  return (
    <RecordForm
      view={view}
      kind={INCIDENT}
      action={action}
      cancel={cancel}
      conflict={conflict}
      version={values.version}
    >
      <TextField
        name="title"
        label={t("incidents.field.title")}
        value={values.title}
        error={errors.title}
        required
        maxlength={200}
        autofocus={focus === "title" || (!focus && !editing)}
      />
      <div class="form-grid">
        <SelectField
          name="severity"
          label={t("incidents.field.severity")}
          value={values.severity}
          error={errors.severity}
          required
          autofocus={focus === "severity"}
          options={[
            { value: "", label: t("incidents.field.choose") },
            ...SEVERITIES.map((s) => ({ value: s, label: t(`severity.${s}`) })),
          ]}
        />
        <TextField
          name="category"
          label={t("incidents.field.category")}
          value={values.category}
          error={errors.category}
          maxlength={80}
          placeholder={t("incidents.field.categoryHint")}
          autofocus={focus === "category"}
        />
        <SelectField
          name="assignedTo"
          label={t("incidents.field.assignee")}
          value={values.assignedTo}
          error={errors.assignedTo}
          autofocus={focus === "assignedTo"}
          options={[
            { value: "", label: t("incidents.unassigned") },
            ...people.map((p) => ({ value: p.id, label: p.name })),
          ]}
        />
        <TextField
          name="detectedAt"
          type="datetime-local"
          label={t("incidents.field.detectedAt")}
          value={values.detectedAt}
          error={errors.detectedAt}
          help={t("incidents.field.detectedHelp")}
          autofocus={focus === "detectedAt"}
        />
      </div>
      <TextAreaField
        name="description"
        label={t("incidents.field.description")}
        value={values.description}
        error={errors.description}
        help={t("incidents.field.descriptionHelp")}
        rows={8}
        maxlength={50_000}
        autofocus={focus === "description"}
      />
    </RecordForm>
  );
}
