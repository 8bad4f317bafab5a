/** @jsxImportSource hono/jsx */

import type { RecordPerson } from "../../../src/kit/record-queries.ts";
import type { ViewContext } from "../../../src/lib/context.ts";
import { RISK } from "../../../src/modules/risks/kind.ts";
import { type RiskQuery, riskQuerySchema } from "../../../src/modules/risks/risk-input.ts";
import type { RiskHeatmaps, RiskView } from "../../../src/modules/risks/risk-queries.ts";
import { RISK_CATEGORIES, RISK_STATUSES, RISK_TREATMENTS } from "../../../src/modules/risks/schema.ts";
import { namedChoices } from "../../components/form-fields.tsx";
import { listUrls } from "../../components/query-string.ts";
import { titleColumn } from "../../components/record-columns.tsx";
import type { RecordListSpec } from "../../components/record-list.tsx";
import { RelativeTime } from "../../components/relative-time.tsx";
import { HeatMaps } from "./heatmap.tsx";
import { AppetiteMark, RiskStatusLabel, ScoreBadge } from "./parts.tsx";

/** Whether the list is narrowed to a heat map cell (its likelihood or impact). */
function cellFiltered(filters: RiskQuery): boolean {
  return filters.likelihood !== undefined || filters.impact !== undefined;
}

/** The heat map cell the list is narrowed to, kept by the filter bar. */
function CellFilter({ filters }: { filters: RiskQuery }) {
  return (
    <>
      <input type="hidden" name="likelihood" value={String(filters.likelihood ?? "")} />
      <input type="hidden" name="impact" value={String(filters.impact ?? "")} />
      {filters.scoreOf === "residual" ? <input type="hidden" name="scoreOf" value="residual" /> : null}
      {filters.open ? <input type="hidden" name="open" value="true" /> : null}
    </>
  );
}

/**
 * Above the register: the heat maps of the open risks (current and residual, each cell a link
 * to its risks; not beside the deleted ones), and the cell the list is narrowed to, with a
 * link that clears it.
 */
function RegisterLead({
  view,
  filters,
  heatmaps,
}: {
  view: ViewContext;
  filters: RiskQuery;
  heatmaps: RiskHeatmaps;
}) {
  const { t } = view;
  return (
    <>
      {filters.deleted === "only" ? null : <HeatMaps view={view} heatmaps={heatmaps} />}
      {cellFiltered(filters) ? (
        <p class="risk-cell-filter" data-testid="cell-filter">
          {t(filters.scoreOf === "residual" ? "risks.cellResidual" : "risks.cellCurrent", {
            likelihood: heatmaps.matrix.likelihood[(filters.likelihood ?? 0) - 1] ?? filters.likelihood ?? "",
            impact: heatmaps.matrix.impact[(filters.impact ?? 0) - 1] ?? filters.impact ?? "",
          })}{" "}
          <a
            href={RISK_TABLE.urls.href(filters, {
              likelihood: undefined,
              impact: undefined,
              open: undefined,
              scoreOf: undefined,
              page: 1,
            })}
          >
            {t("risks.clearCell")}
          </a>
        </p>
      ) : null}
    </>
  );
}

/**
 * `/risks`: the heat maps, then the register with its status, level (of the heat maps'
 * matrix), owner, treatment, category and appetite filters; its columns, and how a risk fills
 * each; risks above the appetite stand out.
 */
export const RISK_TABLE: RecordListSpec<
  RiskView,
  RiskQuery,
  { heatmaps: RiskHeatmaps; aboveAppetite: number; people: RecordPerson[] }
> = {
  kind: RISK,
  urls: listUrls(RISK.path, riskQuerySchema),
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
  back: "risks.showLive",
  countLink: {
    count: (list) => list.aboveAppetite,
    filters: { aboveAppetite: "true" },
    message: "risks.aboveCount",
    testid: "above-appetite-count",
  },
  lead: (list) => <RegisterLead {...list} />,
  fields: ({ t, choice }, { filters, heatmaps: { matrix }, people }) => [
    cellFiltered(filters) ? { kind: "note", content: <CellFilter filters={filters} /> } : null,
    choice("status", RISK_STATUSES, { section: "field" }),
    choice(
      "level",
      matrix.levels.map((_, i) => String(i)),
      { labels: (i) => matrix.levels[Number(i)]?.name ?? i },
    ),
    {
      kind: "select",
      name: "owner",
      label: t("risks.field.owner"),
      options: namedChoices([{ value: "", label: t("risks.filter.anyone") }], people),
    },
    choice("treatment", RISK_TREATMENTS, {
      section: "field",
      more: [{ value: "none", label: t("risks.untreated") }],
    }),
    choice("category", RISK_CATEGORIES, { section: "field" }),
    choice("aboveAppetite", ["true", "false"], {
      label: "appetite",
      labels: (v) => t(v === "true" ? "risks.filter.above" : "risks.filter.within"),
    }),
  ],
};
