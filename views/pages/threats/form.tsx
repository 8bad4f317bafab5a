/** @jsxImportSource hono/jsx */

import { techniques, text } from "../../../src/kit/record-form-fields.ts";
import { THREAT_CATEGORIES } from "../../../src/modules/threats/schema.ts";
import type { ThreatView } from "../../../src/modules/threats/threat-queries.ts";
import type { RecordFormSpec } from "../../components/record-form.tsx";

/** The form to record or edit a threat. */
export const THREAT_FORM: RecordFormSpec<ThreatView> = {
  fields: {
    name: text((t) => t.name),
    category: text((t) => t.category),
    description: text((t) => t.description),
    techniques: techniques((t) => t.techniques),
  },
  items: ({ t, text, choice }) => [
    text("name", { required: true, maxlength: 200 }),
    choice("category", THREAT_CATEGORIES, { lead: "threats.choose", required: true }),
    text("techniques", {
      help: t("threats.field.techniquesHelp"),
      maxlength: 1000,
    }),
    text("description", { rows: 8, maxlength: 50_000 }),
  ],
};
