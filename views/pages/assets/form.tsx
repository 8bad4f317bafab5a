/** @jsxImportSource hono/jsx */

import { MAX_TAGS } from "../../../src/modules/assets/input.ts";
import { ASSET } from "../../../src/modules/assets/kind.ts";
import { ASSET_STATUSES, ASSET_TYPES, CRITICALITIES } from "../../../src/modules/assets/schema.ts";
import { choiceField, personField } from "../../components/form-fields.tsx";
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
      items={[
        { kind: "text", name: "name", label: t("assets.field.name"), required: true, maxlength: 120 },
        {
          kind: "group",
          fields: [
            choiceField(
              state.view,
              "assets",
              { name: "assetType", label: "type", lead: "assets.field.choose", required: true },
              ASSET_TYPES,
              (v) => t(`assets.type.${v}`),
            ),
            choiceField(
              state.view,
              "assets",
              { name: "criticality", fallback: "medium" },
              CRITICALITIES,
              (v) => t(`severity.${v}`),
            ),
            choiceField(state.view, "assets", { name: "status", fallback: "active" }, ASSET_STATUSES, (v) =>
              t(`assets.status.${v}`),
            ),
          ],
        },
        {
          kind: "group",
          fields: [
            personField(
              state.view,
              "assets",
              { name: "ownerUserId", label: "ownerUser", none: "assets.noOwnerUser" },
              people,
            ),
            {
              kind: "text",
              name: "ownerText",
              label: t("assets.field.ownerText"),
              maxlength: 120,
              help: t("assets.field.ownerTextHelp"),
            },
          ],
        },
        {
          kind: "group",
          fields: [
            {
              kind: "text",
              name: "hostname",
              label: t("assets.field.hostname"),
              maxlength: 253,
              placeholder: t("assets.field.hostnameHint"),
              spellcheck: false,
            },
            {
              kind: "text",
              name: "os",
              label: t("assets.field.os"),
              maxlength: 120,
              placeholder: t("assets.field.osHint"),
            },
            {
              kind: "text",
              name: "location",
              label: t("assets.field.location"),
              maxlength: 120,
              placeholder: t("assets.field.locationHint"),
            },
          ],
        },
        {
          kind: "group",
          fields: [
            {
              kind: "textarea",
              name: "ipAddresses",
              label: t("assets.field.ipAddresses"),
              help: t("assets.field.ipAddressesHelp"),
              rows: 3,
            },
            {
              kind: "text",
              name: "tags",
              label: t("assets.field.tags"),
              help: t("assets.field.tagsHelp", { max: MAX_TAGS }),
              spellcheck: false,
            },
          ],
        },
        {
          kind: "textarea",
          name: "description",
          label: t("assets.field.description"),
          help: t("assets.field.descriptionHelp"),
          rows: 6,
          maxlength: 50_000,
        },
      ]}
    />
  );
}
