/** @jsxImportSource hono/jsx */

import type { ChoosablePerson } from "../../../src/kit/active-user.ts";
import { choice, localTime, nullable, text } from "../../../src/kit/record-form-fields.ts";
import { SEVERITIES } from "../../../src/lib/severity.ts";
import type { VulnerabilityDetails } from "../../../src/modules/vulnerabilities/queries.ts";
import { VULNERABILITY_STATUSES } from "../../../src/modules/vulnerabilities/schema.ts";
import { namedChoices } from "../../components/form-fields.tsx";
import type { RecordFormSpec } from "../../components/record-form.tsx";

/** What the vulnerability form offers: every asset that can be chosen, and the people it can be assigned to. */
interface VulnerabilityFormChoices {
  assets: { id: string; name: string }[];
  people: ChoosablePerson[];
}

/** The vulnerability's create and edit form; the chosen assets are posted beside the fields, as a list. */
export const VULNERABILITY_FORM: RecordFormSpec<VulnerabilityDetails, VulnerabilityFormChoices, "assetIds"> =
  {
    fields: {
      cveId: text((v) => v.cveId),
      title: text((v) => v.title),
      cvssVector: text((v) => v.cvssVector),
      // Empty: from the CVSS vector.
      severity: nullable((v) => (v.cvssVector ? "" : v.severity)),
      // New vulnerabilities only; later the status buttons move it.
      status: choice((v) => v.status),
      discoveredAt: localTime((v) => v.discoveredAt),
      assignedTo: nullable((v) => v.assignedTo?.id),
      description: text((v) => v.description),
    },
    lists: { names: ["assetIds"], current: (v) => ({ assetIds: v.assets.map((a) => a.id) }) },
    items: ({ t, text, choice, person }, { form, lists, assets, people }) => [
      text("title", { required: true, maxlength: 200 }),
      {
        kind: "group",
        fields: [
          text("cveId", {
            help: t("vulnerabilities.field.cveHelp"),
            placeholder: "CVE-2024-3094",
            maxlength: 40,
            spellcheck: false,
          }),
          form.values.version ? null : choice("status", VULNERABILITY_STATUSES, { fallback: "open" }),
          text("discoveredAt", { type: "datetime-local", help: t("vulnerabilities.field.discoveredHelp") }),
          person("assignedTo", people, { label: "assignee", none: "vulnerabilities.unassigned" }),
        ],
      },
      {
        kind: "group",
        class: "vuln-rating",
        fields: [
          text("cvssVector", {
            help: t("vulnerabilities.field.cvssHelp"),
            placeholder: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
            maxlength: 300,
            spellcheck: false,
            autocomplete: "off",
          }),
          choice("severity", SEVERITIES, {
            labels: "severity",
            lead: "vulnerabilities.field.fromVector",
            help: "vulnerabilities.field.severityHelp",
          }),
        ],
      },
      assets.length > 0
        ? {
            kind: "multi",
            name: "assetIds",
            label: t("vulnerabilities.field.assets"),
            help: t("vulnerabilities.field.assetsHelp"),
            size: Math.min(8, Math.max(4, assets.length)),
            values: lists.assetIds,
            options: namedChoices([], assets),
          }
        : {
            kind: "note",
            content: <p class="field-help">{t("vulnerabilities.field.noAssetChoices")}</p>,
          },
      text("description", { help: t("vulnerabilities.field.descriptionHelp"), rows: 8, maxlength: 50_000 }),
    ],
  };
