/** @jsxImportSource hono/jsx */

import { THREAT_KIND } from "../../../src/modules/threats/kind.ts";
import { THREAT_CATEGORIES } from "../../../src/modules/threats/schema.ts";
import { RecordForm, type RecordFormState } from "../../components/record-form.tsx";

/** The form to record or edit a threat; after a 422 it keeps what was typed and says what is wrong beside each field. */
export function ThreatForm(state: RecordFormState) {
  return (
    <RecordForm
      {...state}
      kind={THREAT_KIND}
      items={({ t, text, choice }) => [
        text("name", { required: true, maxlength: 200 }),
        choice("category", THREAT_CATEGORIES, { lead: "threats.choose", required: true }),
        text("techniques", {
          help: t("threats.field.techniquesHelp"),
          maxlength: 1000,
        }),
        text("description", { rows: 8, maxlength: 50_000 }),
      ]}
    />
  );
}
