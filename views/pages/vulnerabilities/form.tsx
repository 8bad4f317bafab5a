/** @jsxImportSource hono/jsx */

import { SEVERITIES } from "../../../src/lib/severity.ts";
import { VULNERABILITY } from "../../../src/modules/vulnerabilities/kind.ts";
import { VULNERABILITY_STATUSES } from "../../../src/modules/vulnerabilities/schema.ts";
import { namedChoices } from "../../components/form-fields.tsx";
import { RecordForm, type RecordFormState } from "../../components/record-form.tsx";

/** Props of the vulnerability form. */
export interface VulnerabilityFormProps extends RecordFormState {
  /** The chosen assets' ids. */
  assetIds: readonly string[];
  /** Every asset that can be chosen. */
  assets: { id: string; name: string }[];
  /** People it can be assigned to. */
  people: { id: string; name: string }[];
}

/** The create and edit form: values kept and errors shown beside each field after a 422 or 409. */
export function VulnerabilityForm({ assetIds, assets, people, ...state }: VulnerabilityFormProps) {
  const editing = Boolean(state.form.values.version);
  return (
    <RecordForm
      {...state}
      kind={VULNERABILITY}
      items={({ t, text, choice, person }) => [
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
            editing ? null : choice("status", VULNERABILITY_STATUSES, { fallback: "open" }),
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
              values: assetIds,
              options: namedChoices([], assets),
            }
          : {
              kind: "note",
              content: <p class="field-help">{t("vulnerabilities.field.noAssetChoices")}</p>,
            },
        text("description", { help: t("vulnerabilities.field.descriptionHelp"), rows: 8, maxlength: 50_000 }),
      ]}
    />
  );
}
