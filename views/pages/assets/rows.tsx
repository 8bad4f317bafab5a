/** @jsxImportSource hono/jsx */
import type { ViewContext } from "../../../src/lib/context.ts";
import type { AssetView } from "../../../src/modules/assets/service.ts";
import { EmptyRow } from "../../components/empty-row.tsx";
import { RelativeTime } from "../../components/relative-time.tsx";
import { SeverityBadge } from "../../components/severity-badge.tsx";
import { AssetStatusText, ManagedBadge } from "./badges.tsx";
import { type AssetFilters, assetUrls } from "./filters.ts";
import { ASSET } from "./kind.ts";

/** Number of columns of the asset table (for the empty row). */
const ASSET_COLUMNS = 7;

/** The asset table's rows (also the body of each live refresh). */
export function AssetRows({
  view,
  items,
  filters,
}: {
  view: ViewContext;
  items: AssetView[];
  filters: AssetFilters;
}) {
  const { t } = view;
  if (items.length === 0) {
    return (
      <EmptyRow
        view={view}
        kind={ASSET}
        columns={ASSET_COLUMNS}
        filtered={assetUrls.filtered(filters)}
        clearHref={assetUrls.cleared(filters, { page: 1 })}
      />
    );
  }
  return (
    <>
      {items.map((a) => (
        <tr id={`asset-${a.id}`}>
          <td>
            <div class="cell-title">
              <a href={`/cmdb/${a.id}`}>{a.name}</a>
              {a.managedBy ? <ManagedBadge view={view} /> : null}
            </div>
            {a.hostname && a.hostname !== a.name ? <div class="cell-sub mono">{a.hostname}</div> : null}
          </td>
          <td class="nowrap col-opt">{t(`assets.type.${a.assetType}`)}</td>
          <td>
            <SeverityBadge view={view} severity={a.criticality} />
          </td>
          <td class="nowrap">
            <AssetStatusText view={view} status={a.status} />
          </td>
          <td class="nowrap col-opt">
            {a.owner ? a.owner.name : <span class="muted">{t("assets.noOwner")}</span>}
          </td>
          <td class="col-opt">
            {a.ipAddresses.length > 0 ? (
              <span class="mono nowrap" title={a.ipAddresses.join(", ")}>
                {a.ipAddresses[0]}
                {a.ipAddresses.length > 1 ? (
                  <span class="muted"> {t("assets.moreAddresses", { count: a.ipAddresses.length - 1 })}</span>
                ) : null}
              </span>
            ) : (
              <span class="muted">—</span>
            )}
          </td>
          <td class="nowrap col-opt">
            <RelativeTime view={view} ms={a.updatedAt} />
          </td>
        </tr>
      ))}
    </>
  );
}
