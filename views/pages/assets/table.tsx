/** @jsxImportSource hono/jsx */

import { type AssetQuery, assetQuerySchema } from "../../../src/modules/assets/input.ts";
import { ASSET } from "../../../src/modules/assets/kind.ts";
import { ASSET_STATUSES, ASSET_TYPES, CRITICALITIES } from "../../../src/modules/assets/schema.ts";
import type { AssetView } from "../../../src/modules/assets/service.ts";
import { listUrls } from "../../components/query-string.ts";
import { personColumn, severityColumn, timeColumn } from "../../components/record-columns.tsx";
import type { RecordListSpec } from "../../components/record-list.tsx";
import { AssetStatusText, ManagedBadge } from "./badges.tsx";

/**
 * `/cmdb`: the asset list with search, type, criticality, status and tag filters; phones keep
 * name, criticality and status. Criticality and the last change sort the most critical, the
 * latest first.
 */
export const ASSET_TABLE: RecordListSpec<AssetView, AssetQuery> = {
  kind: ASSET,
  urls: listUrls(ASSET.path, assetQuerySchema),
  columns: [
    {
      key: "name",
      label: "name",
      cell: (a, { view }) => (
        <>
          <div class="cell-title">
            <a href={`/cmdb/${a.id}`}>{a.name}</a>
            {a.managedBy ? <ManagedBadge view={view} /> : null}
          </div>
          {a.hostname && a.hostname !== a.name ? <div class="cell-sub mono">{a.hostname}</div> : null}
        </>
      ),
    },
    {
      key: "assetType",
      label: "type",
      optional: true,
      class: "nowrap",
      cell: (a, { view }) => view.t(`assets.type.${a.assetType}`),
    },
    severityColumn({ key: "criticality", label: "criticality", descendingFirst: true }, (a) => a.criticality),
    {
      key: "status",
      label: "status",
      class: "nowrap",
      cell: (a, { view }) => <AssetStatusText view={view} status={a.status} />,
    },
    personColumn({ key: null, label: "owner", optional: true }, (a) => a.owner, "assets.noOwner"),
    {
      key: null,
      label: "addresses",
      optional: true,
      cell: (a, { view }) =>
        a.ipAddresses.length > 0 ? (
          <span class="mono nowrap" title={a.ipAddresses.join(", ")}>
            {a.ipAddresses[0]}
            {a.ipAddresses.length > 1 ? (
              <span class="muted">
                {" "}
                {view.t("assets.moreAddresses", { count: a.ipAddresses.length - 1 })}
              </span>
            ) : null}
          </span>
        ) : (
          <span class="muted">—</span>
        ),
    },
    timeColumn(
      { key: "updatedAt", label: "updated", optional: true, descendingFirst: true },
      (a) => a.updatedAt,
    ),
  ],
  searchHint: "assets.filter.qHint",
  fields: ({ t, choice }) => [
    choice("assetType", ASSET_TYPES, { label: "type" }),
    choice("criticality", CRITICALITIES, { labels: "severity" }),
    choice("status", ASSET_STATUSES),
    { kind: "text", name: "tag", label: t("assets.filter.tag"), maxlength: 32 },
  ],
};
