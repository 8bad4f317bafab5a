/** @jsxImportSource hono/jsx */

import type { ViewContext } from "../../../src/lib/context.ts";
import { SEVERITIES } from "../../../src/lib/severity.ts";
import { VULNERABILITY_STATUSES } from "../../../src/modules/vulnerabilities/schema.ts";
import {
  type FormState,
  firstInvalid,
  SelectField,
  TextAreaField,
  TextField,
} from "../../components/form-field.tsx";
import { RecordForm } from "../../components/record-form.tsx";
import { VULNERABILITY } from "./kind.ts";

/** What the vulnerability form holds, as typed (the chosen assets come apart, as a list). */
export interface VulnerabilityFormValues extends Record<string, string> {
  cveId: string;
  title: string;
  cvssVector: string;
  /** Empty: from the CVSS vector. */
  severity: string;
  /** New vulnerabilities only; later the status buttons move it. */
  status: string;
  /** `YYYY-MM-DDTHH:MM` in the viewer's zone. */
  discoveredAt: string;
  /** A user id; empty: nobody. */
  assignedTo: string;
  description: string;
  /** The version edited (edit form only). */
  version: string;
}

/** The fields in the order of the form (the first with an error gets the focus). */
export const VULNERABILITY_FIELDS = [
  "title",
  "cveId",
  "status",
  "discoveredAt",
  "assignedTo",
  "cvssVector",
  "severity",
  "assetIds",
  "description",
] as const;

/** Props of the vulnerability form. */
export interface VulnerabilityFormProps {
  view: ViewContext;
  form: FormState<VulnerabilityFormValues>;
  /** The chosen assets' ids. */
  assetIds: readonly string[];
  /** Every asset that can be chosen. */
  assets: { id: string; name: string }[];
  /** People it can be assigned to. */
  people: { id: string; name: string }[];
  /** Where the form posts: `/vulnerabilities` or `/vulnerabilities/:id/edit`. */
  action: string;
  /** Where Cancel leads. */
  cancel: string;
  /** A problem with the whole form (someone else changed the vulnerability meanwhile). */
  conflict?: string;
}

/** The create and edit form: values kept and errors shown beside each field after a 422 or 409. */
export function VulnerabilityForm({
  view,
  form,
  assetIds,
  assets,
  people,
  action,
  cancel,
  conflict,
}: VulnerabilityFormProps) {
  const { t } = view;
  const { values, errors } = form;
  const focus = firstInvalid(errors, VULNERABILITY_FIELDS);
  const editing = Boolean(values.version);
  return (
    <RecordForm
      view={view}
      kind={VULNERABILITY}
      action={action}
      cancel={cancel}
      conflict={conflict}
      version={values.version}
    >
      <TextField
        name="title"
        label={t("vulnerabilities.field.title")}
        value={values.title}
        error={errors.title}
        required
        maxlength={200}
        autofocus={focus === "title" || (!focus && !editing)}
      />
      <div class="form-grid">
        <TextField
          name="cveId"
          label={t("vulnerabilities.field.cveId")}
          value={values.cveId}
          error={errors.cveId}
          help={t("vulnerabilities.field.cveHelp")}
          placeholder="CVE-2024-3094"
          maxlength={40}
          spellcheck={false}
          autofocus={focus === "cveId"}
        />
        {editing ? null : (
          <SelectField
            name="status"
            label={t("vulnerabilities.field.status")}
            value={values.status || "open"}
            error={errors.status}
            autofocus={focus === "status"}
            options={VULNERABILITY_STATUSES.map((s) => ({
              value: s,
              label: t(`vulnerabilities.status.${s}`),
            }))}
          />
        )}
        <TextField
          name="discoveredAt"
          type="datetime-local"
          label={t("vulnerabilities.field.discoveredAt")}
          value={values.discoveredAt}
          error={errors.discoveredAt}
          help={t("vulnerabilities.field.discoveredHelp")}
          autofocus={focus === "discoveredAt"}
        />
        <SelectField
          name="assignedTo"
          label={t("vulnerabilities.field.assignee")}
          value={values.assignedTo}
          error={errors.assignedTo}
          autofocus={focus === "assignedTo"}
          options={[
            { value: "", label: t("vulnerabilities.unassigned") },
            ...people.map((p) => ({ value: p.id, label: p.name })),
          ]}
        />
      </div>
      <div class="vuln-rating">
        <TextField
          name="cvssVector"
          label={t("vulnerabilities.field.cvssVector")}
          value={values.cvssVector}
          error={errors.cvssVector}
          help={t("vulnerabilities.field.cvssHelp")}
          placeholder="CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"
          maxlength={300}
          spellcheck={false}
          autocomplete="off"
          autofocus={focus === "cvssVector"}
        />
        <SelectField
          name="severity"
          label={t("vulnerabilities.field.severity")}
          value={values.severity}
          error={errors.severity}
          help={t("vulnerabilities.field.severityHelp")}
          autofocus={focus === "severity"}
          options={[
            { value: "", label: t("vulnerabilities.field.fromVector") },
            ...SEVERITIES.map((s) => ({ value: s, label: t(`severity.${s}`) })),
          ]}
        />
      </div>
      {assets.length > 0 ? (
        <SelectField
          name="assetIds"
          label={t("vulnerabilities.field.assets")}
          error={errors.assetIds}
          help={t("vulnerabilities.field.assetsHelp")}
          multiple
          size={Math.min(8, Math.max(4, assets.length))}
          values={assetIds}
          autofocus={focus === "assetIds"}
          options={assets.map((a) => ({ value: a.id, label: a.name }))}
        />
      ) : (
        <p class="field-help">{t("vulnerabilities.field.noAssetChoices")}</p>
      )}
      <TextAreaField
        name="description"
        label={t("vulnerabilities.field.description")}
        value={values.description}
        error={errors.description}
        help={t("vulnerabilities.field.descriptionHelp")}
        rows={8}
        maxlength={50_000}
        autofocus={focus === "description"}
      />
    </RecordForm>
  );
}
