/** @jsxImportSource hono/jsx */

import { MAX_TAGS } from "../../../src/modules/assets/input.ts";
import { ASSET } from "../../../src/modules/assets/kind.ts";
import { ASSET_STATUSES, ASSET_TYPES, CRITICALITIES } from "../../../src/modules/assets/schema.ts";
import { choiceField, personField, textFields } from "../../components/form-fields.tsx";
import { RecordForm, type RecordFormState } from "../../components/record-form.tsx";

/** Props of the asset form. */
export interface AssetFormProps extends RecordFormState {
  people: { id: string; name: string }[];
  /** The asset is the host Warden registered (its host name, OS and addresses are kept current). */
  managed?: boolean;
}

/** The create and edit form: values kept and errors shown beside each field after a 422 or 409. */
export function AssetForm({ people, managed, ...state }: AssetFormProps) {
  const { view } = state;
  const { t } = view;
  const text = textFields(view, "assets");
  return (
    <RecordForm
      {...state}
      kind={ASSET}
      note={managed ? <p class="field-help">{t("assets.managedNote")}</p> : null}
      items={[
        text("name", { required: true, maxlength: 120 }),
        {
          kind: "group",
          fields: [
            choiceField(
              view,
              "assets",
              { name: "assetType", label: "type", lead: "assets.field.choose", required: true },
              ASSET_TYPES,
              (v) => t(`assets.type.${v}`),
            ),
            choiceField(view, "assets", { name: "criticality", fallback: "medium" }, CRITICALITIES, (v) =>
              t(`severity.${v}`),
            ),
            choiceField(view, "assets", { name: "status", fallback: "active" }, ASSET_STATUSES, (v) =>
              t(`assets.status.${v}`),
            ),
          ],
        },
        {
          kind: "group",
          fields: [
            personField(
              view,
              "assets",
              { name: "ownerUserId", label: "ownerUser", none: "assets.noOwnerUser" },
              people,
            ),
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
