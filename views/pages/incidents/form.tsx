/** @jsxImportSource hono/jsx */

import type { ChoosablePerson } from "../../../src/kit/active-user.ts";
import { choice, localTime, nullable, text } from "../../../src/kit/record-form-fields.ts";
import { SEVERITIES } from "../../../src/lib/severity.ts";
import type { IncidentDetails } from "../../../src/modules/incidents/queries.ts";
import type { RecordFormSpec } from "../../components/record-form.tsx";

/** The incident's create and edit form, given the people it can be assigned to. */
export const INCIDENT_FORM: RecordFormSpec<IncidentDetails, { people: ChoosablePerson[] }> = {
  fields: {
    title: text((i) => i.title),
    severity: choice((i) => i.severity),
    category: text((i) => i.category),
    assignedTo: nullable((i) => i.assignedTo?.id),
    detectedAt: localTime((i) => i.detectedAt),
    description: text((i) => i.description),
  },
  items: ({ t, text, choice, person }, { people }) => [
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
  ],
};
