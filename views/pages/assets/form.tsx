/** @jsxImportSource hono/jsx */

import { MAX_TAGS } from "../../../src/modules/assets/input.ts";
import { ASSET } from "../../../src/modules/assets/kind.ts";
import { ASSET_STATUSES, ASSET_TYPES, CRITICALITIES } from "../../../src/modules/assets/schema.ts";
import { RecordForm, type RecordFormState } from "../../components/record-form.tsx";

/** Props of the asset form. */
export interface AssetFormProps extends RecordFormState {
  people: { id: string; name: string }[];
  /** The asset is the host Warden registered (its host name, OS and addresses are kept current). */
  managed?: boolean;
}

/** The create and edit form: values kept and errors shown beside each field after a 422 or 409. */
export function AssetForm({ people, managed, ...state }: AssetFormProps) {
  const { t } = state.view;
  return (
    <RecordForm
      {...state}
      kind={ASSET}
      note={managed ? <p class="field-help">{t("assets.managedNote")}</p> : null}
      items={({ text, choice, person }) => [
        text("name", { required: true, maxlength: 120 }),
        {
          kind: "group",
          fields: [
            choice("assetType", ASSET_TYPES, { label: "type", lead: "assets.field.choose", required: true }),
            choice("criticality", CRITICALITIES, { labels: "severity", fallback: "medium" }),
            choice("status", ASSET_STATUSES, { fallback: "active" }),
          ],
        },
        {
          kind: "group",
          fields: [
            person("ownerUserId", people, { label: "ownerUser", none: "assets.noOwnerUser" }),
            text("ownerText", { maxlength: 120, help: t("assets.field.ownerTextHelp") }),
          ],
        },
        {
          kind: "group",
          fields: [
            text("hostname", {
              maxlength: 253,
              placeholder: t("assets.field.hostnameHint"),
              spellcheck: false,
            }),
            text("os", { maxlength: 120, placeholder: t("assets.field.osHint") }),
            text("location", { maxlength: 120, placeholder: t("assets.field.locationHint") }),
          ],
        },
        {
          kind: "group",
          fields: [
            text("ipAddresses", { help: t("assets.field.ipAddressesHelp"), rows: 3 }),
            text("tags", { help: t("assets.field.tagsHelp", { max: MAX_TAGS }), spellcheck: false }),
          ],
        },
        text("description", { help: t("assets.field.descriptionHelp"), rows: 6, maxlength: 50_000 }),
      ]}
    />
  );
}
