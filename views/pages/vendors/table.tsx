/** @jsxImportSource hono/jsx */

import type { ViewContext } from "../../../src/lib/context.ts";
import { type VendorQuery, vendorQuerySchema } from "../../../src/modules/vendors/input.ts";
import { VENDOR_KIND } from "../../../src/modules/vendors/kind.ts";
import { VENDOR_STATUSES, VENDOR_TIERS, type Vendor } from "../../../src/modules/vendors/schema.ts";
import { listUrls } from "../../components/query-string.ts";
import { nameColumn, timeColumn } from "../../components/record-columns.tsx";
import type { RecordListSpec } from "../../components/record-list.tsx";
import { StateBadge } from "../../components/state-badge.tsx";

/** A vendor's status and tier as badges. */
export function VendorBadges({ view: { t }, vendor: v }: { view: ViewContext; vendor: Vendor }) {
  return (
    <>
      <StateBadge ok={v.status === "active"}>{t(`vendors.status.${v.status}`)}</StateBadge>{" "}
      <span class={`badge sev sev-${v.tier}`}>{t(`vendors.tier.${v.tier}`)}</span>
    </>
  );
}

/**
 * `/vendors`: the register with search, status and tier filters; its table shows name, status
 * and tier, service and last change (a phone the first two).
 */
export const VENDOR_TABLE: RecordListSpec<Vendor, VendorQuery> = {
  kind: VENDOR_KIND,
  urls: listUrls("/vendors", vendorQuerySchema),
  columns: [
    nameColumn(VENDOR_KIND),
    { key: "status", label: "status", cell: (x, { view }) => <VendorBadges view={view} vendor={x} /> },
    { key: null, label: "service", optional: true, cell: (x) => x.service },
    timeColumn({ key: "updatedAt", label: "updated", optional: true }, (x) => x.updatedAt),
  ],
  fields: ({ choice }) => [choice("status", VENDOR_STATUSES), choice("tier", VENDOR_TIERS)],
};
