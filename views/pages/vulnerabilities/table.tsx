/** @jsxImportSource hono/jsx */
import type { RecordPerson } from "../../../src/kit/record-queries.ts";
import type { ViewContext } from "../../../src/lib/context.ts";
import { SEVERITIES } from "../../../src/lib/severity.ts";
import {
  type VulnerabilityQuery,
  vulnerabilityQuerySchema,
} from "../../../src/modules/vulnerabilities/input.ts";
import { VULNERABILITY } from "../../../src/modules/vulnerabilities/kind.ts";
import type { VulnerabilityView } from "../../../src/modules/vulnerabilities/queries.ts";
import { VULNERABILITY_STATUSES } from "../../../src/modules/vulnerabilities/schema.ts";
import { isOpenStatus } from "../../../src/modules/vulnerabilities/workflow.ts";
import { namedChoices } from "../../components/form-fields.tsx";
import { listUrls } from "../../components/query-string.ts";
import { timeColumn, titleColumn } from "../../components/record-columns.tsx";
import type { RecordListSpec } from "../../components/record-list.tsx";
import { SeverityBadge } from "../../components/severity-badge.tsx";
import { buttonClass } from "../../components/submit-button.tsx";
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

/** What the vulnerability list reads for each request: how many are overdue, the assets and people to filter by. */
interface VulnerabilityListData {
  overdue: number;
  assets: { id: string; name: string }[];
  people: RecordPerson[];
}

/**
 * `/vulnerabilities`: the list with search, status, severity, asset, assignee and overdue
 * filters, how many are overdue (a link to them) and the import link; it refreshes when anyone
 * imports some too. On phones the score moves beside the severity and the status under the title.
 */
export const VULNERABILITY_TABLE: RecordListSpec<
  VulnerabilityView,
  VulnerabilityQuery,
  VulnerabilityListData
> = {
  kind: VULNERABILITY,
  urls: listUrls(VULNERABILITY.path, vulnerabilityQuerySchema),
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
  moreEvents: ["imported"],
  searchHint: "vulnerabilities.filter.qHint",
  countLink: {
    count: (list) => list.overdue,
    filters: { overdue: "true" },
    message: "vulnerabilities.overdueCount",
    testid: "overdue-count",
    class: "vuln-overdue-link",
  },
  createLinks: ({ view: { t } }) => (
    <a class={buttonClass("secondary")} href="/vulnerabilities/import" data-testid="import-vulnerabilities">
      {t("vulnerabilities.import")}
    </a>
  ),
  fields: ({ t, choice, person }, { assets, people }) => [
    choice("status", VULNERABILITY_STATUSES),
    choice("severity", SEVERITIES, { labels: "severity" }),
    {
      kind: "select",
      name: "assetId",
      label: t("vulnerabilities.filter.asset"),
      options: namedChoices([{ value: "", label: t("vulnerabilities.filter.anyAsset") }], assets),
    },
    person("assignedTo", people, { label: "assignee", none: "vulnerabilities.unassigned" }),
    choice("overdue", ["true", "false"], {
      labels: (v) =>
        t(v === "true" ? "vulnerabilities.filter.overdueOnly" : "vulnerabilities.filter.notOverdue"),
    }),
  ],
};
