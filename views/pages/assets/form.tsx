/** @jsxImportSource hono/jsx */

import type { ViewContext } from "../../../src/lib/context.ts";
import { MAX_TAGS } from "../../../src/modules/assets/input.ts";
import { ASSET_STATUSES, ASSET_TYPES, CRITICALITIES } from "../../../src/modules/assets/schema.ts";
import {
  type FormState,
  firstInvalid,
  SelectField,
  TextAreaField,
  TextField,
} from "../../components/form-field.tsx";
import { RecordForm } from "../../components/record-form.tsx";
import { ASSET } from "./kind.ts";

/** What the asset form holds, as typed. */
export interface AssetFormValues extends Record<string, string> {
  name: string;
  assetType: string;
  criticality: string;
  status: string;
  ownerUserId: string;
  ownerText: string;
  hostname: string;
  /** Addresses separated by line breaks, spaces or commas. */
  ipAddresses: string;
  os: string;
  location: string;
  /** Tags separated by spaces or commas. */
  tags: string;
  description: string;
  /** The version edited (edit form only). */
  version: string;
}

/** The fields in the order of the form (the first with an error gets the focus). */
export const ASSET_FIELDS = [
  "name",
  "assetType",
  "criticality",
  "status",
  "ownerUserId",
  "ownerText",
  "hostname",
  "os",
  "location",
  "ipAddresses",
  "tags",
  "description",
] as const;

/** Props of the asset form. */
export interface AssetFormProps {
  view: ViewContext;
  form: FormState<AssetFormValues>;
  people: { id: string; name: string }[];
  /** Where the form posts: `/cmdb` or `/cmdb/:id/edit`. */
  action: string;
  /** Where Cancel leads. */
  cancel: string;
  /** A problem with the whole form (someone else changed the asset meanwhile). */
  conflict?: string;
  /** The asset is the host Warden registered (its host name, OS and addresses are kept current). */
  managed?: boolean;
}

/** The create and edit form: values kept and errors shown beside each field after a 422 or 409. */
export function AssetForm({ view, form, people, action, cancel, conflict, managed }: AssetFormProps) {
  const { t } = view;
  const { values, errors } = form;
  const focus = firstInvalid(errors, ASSET_FIELDS);
  const editing = Boolean(values.version);
  return (
    <RecordForm
      view={view}
      kind={ASSET}
      action={action}
      cancel={cancel}
      conflict={conflict}
      version={values.version}
      note={managed ? <p class="field-help">{t("assets.managedNote")}</p> : null}
    >
      <TextField
        name="name"
        label={t("assets.field.name")}
        value={values.name}
        error={errors.name}
        required
        maxlength={120}
        autofocus={focus === "name" || (!focus && !editing)}
      />
      <div class="form-grid">
        <SelectField
          name="assetType"
          label={t("assets.field.type")}
          value={values.assetType}
          error={errors.assetType}
          required
          autofocus={focus === "assetType"}
          options={[
            { value: "", label: t("assets.field.choose") },
            ...ASSET_TYPES.map((v) => ({ value: v, label: t(`assets.type.${v}`) })),
          ]}
        />
        <SelectField
          name="criticality"
          label={t("assets.field.criticality")}
          value={values.criticality || "medium"}
          error={errors.criticality}
          autofocus={focus === "criticality"}
          options={CRITICALITIES.map((v) => ({ value: v, label: t(`severity.${v}`) }))}
        />
        <SelectField
          name="status"
          label={t("assets.field.status")}
          value={values.status || "active"}
          error={errors.status}
          autofocus={focus === "status"}
          options={ASSET_STATUSES.map((v) => ({ value: v, label: t(`assets.status.${v}`) }))}
        />
      </div>
      <div class="form-grid">
        <SelectField
          name="ownerUserId"
          label={t("assets.field.ownerUser")}
          value={values.ownerUserId}
          error={errors.ownerUserId}
          autofocus={focus === "ownerUserId"}
          options={[
            { value: "", label: t("assets.noOwnerUser") },
            ...people.map((p) => ({ value: p.id, label: p.name })),
          ]}
        />
        <TextField
          name="ownerText"
          label={t("assets.field.ownerText")}
          value={values.ownerText}
          error={errors.ownerText}
          maxlength={120}
          help={t("assets.field.ownerTextHelp")}
          autofocus={focus === "ownerText"}
        />
      </div>
      <div class="form-grid">
        <TextField
          name="hostname"
          label={t("assets.field.hostname")}
          value={values.hostname}
          error={errors.hostname}
          maxlength={253}
          placeholder={t("assets.field.hostnameHint")}
          spellcheck={false}
          autofocus={focus === "hostname"}
        />
        <TextField
          name="os"
          label={t("assets.field.os")}
          value={values.os}
          error={errors.os}
          maxlength={120}
          placeholder={t("assets.field.osHint")}
          autofocus={focus === "os"}
        />
        <TextField
          name="location"
          label={t("assets.field.location")}
          value={values.location}
          error={errors.location}
          maxlength={120}
          placeholder={t("assets.field.locationHint")}
          autofocus={focus === "location"}
        />
      </div>
      <div class="form-grid">
        <TextAreaField
          name="ipAddresses"
          label={t("assets.field.ipAddresses")}
          value={values.ipAddresses}
          error={errors.ipAddresses}
          help={t("assets.field.ipAddressesHelp")}
          rows={3}
          autofocus={focus === "ipAddresses"}
        />
        <TextField
          name="tags"
          label={t("assets.field.tags")}
          value={values.tags}
          error={errors.tags}
          help={t("assets.field.tagsHelp", { max: MAX_TAGS })}
          spellcheck={false}
          autofocus={focus === "tags"}
        />
      </div>
      <TextAreaField
        name="description"
        label={t("assets.field.description")}
        value={values.description}
        error={errors.description}
        help={t("assets.field.descriptionHelp")}
        rows={6}
        maxlength={50_000}
        autofocus={focus === "description"}
      />
    </RecordForm>
  );
}
