/** @jsxImportSource hono/jsx */

import { SEVERITIES } from "../../../src/lib/severity.ts";
import { INCIDENT } from "../../../src/modules/incidents/kind.ts";
import { choiceField, personField } from "../../components/form-fields.tsx";
import { RecordForm, type RecordFormState } from "../../components/record-form.tsx";

/** Props of the incident form. */
export interface IncidentFormProps extends RecordFormState {
  people: { id: string; name: string }[];
}

/** The create and edit form: values kept and errors shown beside each field after a 422 or 409. */
export function IncidentForm({ people, ...state }: IncidentFormProps) {
  const { t } = state.view;
  return (
    <RecordForm
      {...state}
      kind={INCIDENT}
      items={[
        { kind: "text", name: "title", label: t("incidents.field.title"), required: true, maxlength: 200 },
        {
          kind: "group",
          fields: [
            choiceField(
              state.view,
              "incidents",
              { name: "severity", lead: "incidents.field.choose", required: true },
              SEVERITIES,
              (s) => t(`severity.${s}`),
            ),
            {
              kind: "text",
              name: "category",
              label: t("incidents.field.category"),
              maxlength: 80,
              placeholder: t("incidents.field.categoryHint"),
            },
            personField(
              state.view,
              "incidents",
              { name: "assignedTo", label: "assignee", none: "incidents.unassigned" },
              people,
            ),
            {
              kind: "text",
              name: "detectedAt",
              type: "datetime-local",
              label: t("incidents.field.detectedAt"),
              help: t("incidents.field.detectedHelp"),
            },
          ],
        },
        {
          kind: "textarea",
          name: "description",
          label: t("incidents.field.description"),
          help: t("incidents.field.descriptionHelp"),
          rows: 8,
          maxlength: 50_000,
        },
      ]}
    />
  );
}
