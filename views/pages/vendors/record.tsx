/** @jsxImportSource hono/jsx */
import { text } from "../../../src/kit/record-form-fields.ts";
import { newVendorSchema } from "../../../src/modules/vendors/input.ts";
import { VENDOR_KIND } from "../../../src/modules/vendors/kind.ts";
import { VENDOR_DATA, VENDOR_TIERS, type Vendor } from "../../../src/modules/vendors/schema.ts";
import { VENDOR_TRANSITIONS } from "../../../src/modules/vendors/service.ts";
import { FactsPanel, factBuilders } from "../../components/fact-list.tsx";
import { DescriptionPanel } from "../../components/markdown-panel.tsx";
import { RecordDetail } from "../../components/record-detail.tsx";
import type { RecordFormSpec } from "../../components/record-form.tsx";
import type { RecordPageState } from "../../components/record-head.tsx";
import { recordMoves, WorkflowPanel } from "../../components/record-panels.tsx";
import { VendorBadges } from "./table.tsx";

/** The form to record or edit a vendor: the new vendor's fields, each as typed. */
export const VENDOR_FORM: RecordFormSpec<Vendor> = {
  kind: VENDOR_KIND,
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
export function VendorPage({ vendor: v, ...page }: RecordPageState & { vendor: Vendor }) {
  const { t, fact } = factBuilders(page);
  return (
    <RecordDetail
      {...page}
      record={{ id: v.id, title: v.name }}
      badges={[<VendorBadges view={page.view} vendor={v} />]}
      main={[<DescriptionPanel view={page.view} kind={page.kind} markdown={v.description} />]}
      side={[
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
      ]}
    />
  );
}
