/** @jsxImportSource hono/jsx */
import { text } from "../../../src/kit/record-form-fields.ts";
import { newVendorSchema } from "../../../src/modules/vendors/input.ts";
import { VENDOR_DATA, VENDOR_TIERS, type Vendor } from "../../../src/modules/vendors/schema.ts";
import { VENDOR_TRANSITIONS } from "../../../src/modules/vendors/service.ts";
import { FactsPanel, factBuilders } from "../../components/fact-list.tsx";
import { DescriptionPanel } from "../../components/markdown-panel.tsx";
import type { RecordDetailSpec } from "../../components/record-detail.tsx";
import type { RecordFormSpec } from "../../components/record-form.tsx";
import { recordMoves, WorkflowPanel } from "../../components/record-panels.tsx";
import { VendorBadges } from "./table.tsx";

/** The form to record or edit a vendor: the new vendor's fields, each as typed. */
export const VENDOR_FORM: RecordFormSpec<Vendor> = {
  fields: Object.fromEntries(
    Object.keys(newVendorSchema.shape).map((name) => [
      name,
      text((v: Vendor) => String(v[name as keyof Vendor])),
    ]),
  ),
  items: ({ text, choice }) => {
    const chooseOne = { lead: "vendors.choose", required: true };
    return [
      text("name", { maxlength: 200, required: true }),
      text("service", { maxlength: 200 }),
      choice("tier", VENDOR_TIERS, chooseOne),
      choice("dataAccess", VENDOR_DATA, chooseOne),
      text("contact", { maxlength: 200 }),
      text("description", { maxlength: 50_000, rows: 6 }),
    ];
  },
};

/** `/vendors/:id`: a vendor, its description, its workflow moves and its facts; edit, and delete for admins. */
export const VENDOR_DETAIL: RecordDetailSpec<Vendor> = {
  head: ({ record: v }) => ({ record: { id: v.id, title: v.name } }),
  badges: ({ view, record }) => [<VendorBadges view={view} vendor={record} />],
  main: ({ view, kind, record }) => [
    <DescriptionPanel view={view} kind={kind} markdown={record.description} />,
  ],
  side: (page) => {
    const { record: v } = page;
    const { t, fact } = factBuilders(page);
    return [
      <WorkflowPanel
        title={t("vendors.field.status")}
        moves={recordMoves(page, v, VENDOR_TRANSITIONS, {
          primary: (to) => to === "active",
          label: (to) => t(`vendors.moveTo.${to}`),
        })}
      />,
      <FactsPanel
        facts={[
          fact("service", v.service || null),
          fact("dataAccess", t(`vendors.dataAccess.${v.dataAccess}`)),
          fact("contact", v.contact || null),
          fact("updated", page.view.fmt.dateTime(v.updatedAt)),
          fact("version", v.version, { class: "num" }),
        ]}
      />,
    ];
  },
};
