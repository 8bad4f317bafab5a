/** @jsxImportSource hono/jsx */

import { SEVERITIES } from "../../../src/lib/severity.ts";
import { INCIDENT } from "../../../src/modules/incidents/kind.ts";
import { choiceField, personField, textFields } from "../../components/form-fields.tsx";
import { RecordForm, type RecordFormState } from "../../components/record-form.tsx";

/** Props of the incident form. */
export interface IncidentFormProps extends RecordFormState {
  people: { id: string; name: string }[];
}

/** The create and edit form: values kept and errors shown beside each field after a 422 or 409. */
export function IncidentForm({ people, ...state }: IncidentFormProps) {
  const { view } = state;
  const { t } = view;
  const text = textFields(view, "incidents");
  return (
    <RecordForm
      {...state}
      kind={INCIDENT}
      items={[
        text("title", { required: true, maxlength: 200 }),
        {
          kind: "group",
          fields: [
            choiceField(
              view,
              "incidents",
              { name: "severity", lead: "incidents.field.choose", required: true },
              SEVERITIES,
              (s) => t(`severity.${s}`),
            ),
            text("category", { maxlength: 80, placeholder: t("incidents.field.categoryHint") }),
            personField(
              view,
              "incidents",
              { name: "assignedTo", label: "assignee", none: "incidents.unassigned" },
              people,
            ),
            text("detectedAt", { type: "datetime-local", help: t("incidents.field.detectedHelp") }),
          ],
        },
        text("description", { help: t("incidents.field.descriptionHelp"), rows: 8, maxlength: 50_000 }),
      ]}
    />
  );
}
