/** @jsxImportSource hono/jsx */
import type { ViewContext } from "../../../src/lib/context.ts";
import {
  DEFAULT_VULNERABILITY_SORT,
  type VulnerabilityQuery,
} from "../../../src/modules/vulnerabilities/input.ts";
import { VULNERABILITY } from "../../../src/modules/vulnerabilities/kind.ts";
import type { VulnerabilityView } from "../../../src/modules/vulnerabilities/queries.ts";
import { isOpenStatus } from "../../../src/modules/vulnerabilities/workflow.ts";
import { listUrls } from "../../components/query-string.ts";
import { timeColumn, titleColumn } from "../../components/record-columns.tsx";
import type { RecordTableSpec } from "../../components/record-table.tsx";
import { SeverityBadge } from "../../components/severity-badge.tsx";
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

/** The vulnerability table. On phones the score moves beside the severity and the status under the title. */
export const VULNERABILITY_TABLE: RecordTableSpec<VulnerabilityView, VulnerabilityQuery> = {
  kind: VULNERABILITY,
  urls: listUrls<VulnerabilityQuery>(
    VULNERABILITY.path,
    ["q", "status", "severity", "assetId", "assignedTo", "overdue", "deleted", "sort", "pageSize", "page"],
    DEFAULT_VULNERABILITY_SORT,
  ),
  rowClass: (v) => (v.overdue ? "is-overdue" : undefined),
  columns: [
    titleColumn<VulnerabilityView>(VULNERABILITY, (v, { view }) => (
      <div class="cell-sub">
        {v.cveId ? <span class="mono">{v.cveId}</span> : view.t("vulnerabilities.internal")}
        <span class="vuln-narrow">
          {" · "}
          <VulnerabilityStatusLabel view={view} status={v.status} />
        </span>
      </div>
    )),
    {
      key: "score",
      label: "score",
      optional: true,
      descendingFirst: true,
      numeric: true,
      class: "is-num",
      cell: (v, { view }) => <CvssScore view={view} score={v.cvssScore} severity={v.severity} />,
    },
    {
      key: "severity",
      label: "severity",
      class: "nowrap",
      cell: (v, { view }) => (
        <>
          {v.cvssScore !== null ? (
            <span class="vuln-narrow is-block">
              <CvssScore view={view} score={v.cvssScore} severity={v.severity} />
            </span>
          ) : null}
          <SeverityBadge view={view} severity={v.severity} />
        </>
      ),
    },
    {
      key: "status",
      label: "status",
      optional: true,
      class: "nowrap",
      cell: (v, { view }) => <VulnerabilityStatusLabel view={view} status={v.status} />,
    },
    {
      key: null,
      label: "assets",
      optional: true,
      class: "vuln-assets",
      cell: (v, { view }) => <AssetNames view={view} v={v} />,
    },
    {
      key: "dueAt",
      label: "due",
      class: "nowrap",
      cell: (v, { view }) => (
        <DueDate view={view} dueAt={v.dueAt} overdue={v.overdue} closed={!isOpenStatus(v.status)} />
      ),
    },
    timeColumn(
      { key: "discoveredAt", label: "discovered", optional: true, descendingFirst: true },
      (v) => v.discoveredAt,
    ),
  ],
};
