/** @jsxImportSource hono/jsx */

import type { ChoosablePerson } from "../../../src/kit/active-user.ts";
import { choice, list, nullable, text } from "../../../src/kit/record-form-fields.ts";
import { MAX_TAGS } from "../../../src/modules/assets/input.ts";
import { ASSET_STATUSES, ASSET_TYPES, CRITICALITIES } from "../../../src/modules/assets/schema.ts";
import type { AssetDetails } from "../../../src/modules/assets/service.ts";
import type { RecordFormSpec } from "../../components/record-form.tsx";

/**
 * The asset's create and edit form, given the people who can own it; editing the host Warden
 * registered, a note says its host name, OS and addresses are kept current.
 */
export const ASSET_FORM: RecordFormSpec<AssetDetails, { people: ChoosablePerson[] }> = {
  fields: {
    name: text((a) => a.name),
    assetType: choice((a) => a.assetType),
    criticality: choice((a) => a.criticality),
    status: choice((a) => a.status),
    ownerUserId: nullable((a) => a.ownerUserId),
    ownerText: { show: (a) => a.ownerText ?? "", input: (typed) => typed.trim() || null },
    hostname: text((a) => a.hostname),
    ipAddresses: list((a) => a.ipAddresses, "\n"),
    os: text((a) => a.os),
    location: text((a) => a.location),
    tags: list((a) => a.tags),
    description: text((a) => a.description),
  },
  note: ({ view, record }) =>
    record && record.managedBy !== null ? <p class="field-help">{view.t("assets.managedNote")}</p> : null,
  items: ({ t, text, choice, person }, { people }) => [
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
  ],
};
