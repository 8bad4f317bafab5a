/** @jsxImportSource hono/jsx */
import type { ViewContext } from "../../../src/lib/context.ts";
import type { VulnerabilityView } from "../../../src/modules/vulnerabilities/queries.ts";
import { isOpenStatus } from "../../../src/modules/vulnerabilities/workflow.ts";
import { EmptyRow } from "../../components/empty-row.tsx";
import { RelativeTime } from "../../components/relative-time.tsx";
import { RestorableTitle } from "../../components/restorable-title.tsx";
import { SeverityBadge } from "../../components/severity-badge.tsx";
import { type VulnerabilityFilters, vulnerabilityUrls } from "./filters.ts";
import { VULNERABILITY } from "./kind.ts";
import { CvssScore, DueDate, VulnerabilityStatusLabel } from "./parts.tsx";

/** How many asset names a row shows before "+N". */
const ASSETS_SHOWN = 1;

function AssetNames({ view, v }: { view: ViewContext; v: VulnerabilityView }) {
  if (v.assets.length === 0) return <span class="muted">—</span>;
  const shown = v.assets.slice(0, ASSETS_SHOWN);
  const more = v.assets.length - shown.length;
  return (
    <span title={v.assets.map((a) => a.name).join(", ")}>
      {shown.map((a) => a.name).join(", ")}
      {more > 0 ? <span class="muted"> {view.t("vulnerabilities.moreAssets", { count: more })}</span> : null}
    </span>
  );
}

/** The vulnerability table's rows (also the body of each live refresh). */
export function VulnerabilityRows({
  view,
  items,
  filters,
}: {
  view: ViewContext;
  items: VulnerabilityView[];
  filters: VulnerabilityFilters;
}) {
  const { t } = view;
  if (items.length === 0) {
    return (
      <EmptyRow
        view={view}
        kind={VULNERABILITY}
        columns={7}
        filtered={vulnerabilityUrls.filtered(filters)}
        clearHref={vulnerabilityUrls.cleared(filters)}
      />
    );
  }
  return (
    <>
      {items.map((v) => (
        <tr id={`vulnerability-${v.id}`} class={v.overdue ? "is-overdue" : undefined}>
          <td>
            <RestorableTitle
              view={view}
              kind={VULNERABILITY}
              id={v.id}
              title={v.title}
              deleted={filters.deleted === "only"}
            />
            <div class="cell-sub">
              {v.cveId ? <span class="mono">{v.cveId}</span> : t("vulnerabilities.internal")}
              <span class="vuln-narrow">
                {" · "}
                <VulnerabilityStatusLabel view={view} status={v.status} />
              </span>
            </div>
          </td>
          <td class="is-num col-opt">
            <CvssScore view={view} score={v.cvssScore} severity={v.severity} />
          </td>
          <td class="nowrap">
            {v.cvssScore !== null ? (
              <span class="vuln-narrow is-block">
                <CvssScore view={view} score={v.cvssScore} severity={v.severity} />
              </span>
            ) : null}
            <SeverityBadge view={view} severity={v.severity} />
          </td>
          <td class="nowrap col-opt">
            <VulnerabilityStatusLabel view={view} status={v.status} />
          </td>
          <td class="col-opt vuln-assets">
            <AssetNames view={view} v={v} />
          </td>
          <td class="nowrap">
            <DueDate view={view} dueAt={v.dueAt} overdue={v.overdue} closed={!isOpenStatus(v.status)} />
          </td>
          <td class="nowrap col-opt">
            <RelativeTime view={view} ms={v.discoveredAt} />
          </td>
        </tr>
      ))}
    </>
  );
}
