/** @jsxImportSource hono/jsx */

import type { AssetQuery } from "../../../src/modules/assets/input.ts";
import { ASSET_STATUSES, ASSET_TYPES, CRITICALITIES } from "../../../src/modules/assets/schema.ts";
import type { AssetView } from "../../../src/modules/assets/service.ts";
import { RecordList, type RecordListState } from "../../components/record-list.tsx";
import { ASSET_TABLE } from "./table.tsx";

/** Props of the asset list. */
export type AssetsPageProps = RecordListState<AssetView, AssetQuery>;

/**
 * `/cmdb`: the asset list with search, type, criticality, status and tag filters, sortable
 * columns and pages, all in the URL; it refreshes when anyone changes an asset.
 */
export function AssetsPage(list: AssetsPageProps) {
  return (
    <RecordList
      {...list}
      table={ASSET_TABLE}
      searchHint={list.view.t("assets.filter.qHint")}
      fields={({ t, choice }) => [
        choice("assetType", ASSET_TYPES, { label: "type" }),
        choice("criticality", CRITICALITIES, { labels: "severity" }),
        choice("status", ASSET_STATUSES),
        { kind: "text", name: "tag", label: t("assets.filter.tag"), maxlength: 32 },
      ]}
    />
  );
}
