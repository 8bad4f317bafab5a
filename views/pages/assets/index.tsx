/** @jsxImportSource hono/jsx */

import type { AssetQuery } from "../../../src/modules/assets/input.ts";
import { ASSET_STATUSES, ASSET_TYPES, CRITICALITIES } from "../../../src/modules/assets/schema.ts";
import type { AssetView } from "../../../src/modules/assets/service.ts";
import { choiceFilter } from "../../components/filter-fields.tsx";
import { RecordList, type RecordListState } from "../../components/record-list.tsx";
import { ASSET_TABLE } from "./table.tsx";

/** Props of the asset list. */
export type AssetsPageProps = RecordListState<AssetView, AssetQuery>;

/**
 * `/cmdb`: the asset list with search, type, criticality, status and tag filters, sortable
 * columns and pages, all in the URL; it refreshes when anyone changes an asset.
 */
export function AssetsPage(list: AssetsPageProps) {
  const { view } = list;
  const { t } = view;
  return (
    <RecordList
      {...list}
      table={ASSET_TABLE}
      searchHint={t("assets.filter.qHint")}
      fields={[
        choiceFilter(view, "assets", { name: "assetType", label: "type" }, ASSET_TYPES, (v) =>
          t(`assets.type.${v}`),
        ),
        choiceFilter(view, "assets", { name: "criticality" }, CRITICALITIES, (v) => t(`severity.${v}`)),
        choiceFilter(view, "assets", { name: "status" }, ASSET_STATUSES, (v) => t(`assets.status.${v}`)),
        { kind: "text", name: "tag", label: t("assets.filter.tag"), maxlength: 32 },
      ]}
    />
  );
}
