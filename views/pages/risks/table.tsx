/** @jsxImportSource hono/jsx */

import { RISK } from "../../../src/modules/risks/kind.ts";
import { DEFAULT_RISK_SORT, type RiskQuery } from "../../../src/modules/risks/risk-input.ts";
import type { RiskView } from "../../../src/modules/risks/risk-queries.ts";
import { listUrls } from "../../components/query-string.ts";
import { titleColumn } from "../../components/record-columns.tsx";
import type { RecordTableSpec } from "../../components/record-table.tsx";
import { RelativeTime } from "../../components/relative-time.tsx";
import { AppetiteMark, RiskStatusLabel, ScoreBadge } from "./parts.tsx";

/** The risk table: its columns, and how a risk fills each; risks above the appetite stand out. */
export const RISK_TABLE: RecordTableSpec<RiskView, RiskQuery> = {
  kind: RISK,
  urls: listUrls<RiskQuery>(
    RISK.path,
    [
      "q",
      "status",
      "category",
      "treatment",
      "owner",
      "level",
      "aboveAppetite",
      "likelihood",
      "impact",
      "scoreOf",
      "open",
      "deleted",
      "sort",
      "pageSize",
      "page",
    ],
    DEFAULT_RISK_SORT,
  ),
  rowClass: (r) => (r.aboveAppetite ? "is-above-appetite" : undefined),
  columns: [
    titleColumn<RiskView>(RISK, (r, { view }) => (
      <div class="cell-sub">
        {view.t(`risks.category.${r.category}`)}
        {r.aboveAppetite ? (
          <>
            {" "}
            <AppetiteMark view={view} />
          </>
        ) : null}
      </div>
    )),
    {
      key: "score",
      label: "current",
      descendingFirst: true,
      numeric: true,
      class: "nowrap",
      cell: (r, { view }) => <ScoreBadge view={view} score={r.scores.current} />,
    },
    {
      key: null,
      label: "residual",
      optional: true,
      class: "nowrap",
      cell: (r, { view }) => <ScoreBadge view={view} score={r.scores.residual} />,
    },
    {
      key: "status",
      label: "status",
      class: "nowrap",
      cell: (r, { view }) => (
        <>
          <RiskStatusLabel view={view} status={r.status} />
          <div class="cell-sub">
            {r.treatment ? view.t(`risks.treatment.${r.treatment}`) : view.t("risks.untreated")}
          </div>
        </>
      ),
    },
    { key: null, label: "owner", optional: true, cell: (r) => r.owner.name },
    {
      key: "nextReviewAt",
      label: "review",
      optional: true,
      class: "nowrap",
      cell: (r, { view }) =>
        r.nextReviewAt === null ? (
          <span class="muted">—</span>
        ) : (
          <RelativeTime view={view} ms={r.nextReviewAt} />
        ),
    },
  ],
};
