/** @jsxImportSource hono/jsx */

import { SEVERITIES } from "../../../src/lib/severity.ts";
import { INCIDENT } from "../../../src/modules/incidents/kind.ts";
import { RecordForm, type RecordFormState } from "../../components/record-form.tsx";

/** Props of the incident form. */
export interface IncidentFormProps extends RecordFormState {
  people: { id: string; name: string }[];
}

/** The create and edit form: values kept and errors shown beside each field after a 422 or 409. */
export function IncidentForm({ people, ...state }: IncidentFormProps) {
  return (
    <RecordForm
      {...state}
      kind={INCIDENT}
      items={({ t, text, choice, person }) => [
        text("title", { required: true, maxlength: 200 }),
        {
          kind: "group",
          fields: [
            choice("severity", SEVERITIES, {
              labels: "severity",
              lead: "incidents.field.choose",
              required: true,
            }),
            text("category", { maxlength: 80, placeholder: t("incidents.field.categoryHint") }),
            person("assignedTo", people, { label: "assignee", none: "incidents.unassigned" }),
            text("detectedAt", { type: "datetime-local", help: t("incidents.field.detectedHelp") }),
          ],
        },
        text("description", { help: t("incidents.field.descriptionHelp"), rows: 8, maxlength: 50_000 }),
      ]}
    />
  );
}
