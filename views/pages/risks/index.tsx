/** @jsxImportSource hono/jsx */
import type { RiskHeatmaps } from "../../../src/modules/risks/heatmap.ts";
import type { RiskQuery } from "../../../src/modules/risks/risk-input.ts";
import type { RiskView } from "../../../src/modules/risks/risk-queries.ts";
import { RISK_CATEGORIES, RISK_STATUSES, RISK_TREATMENTS } from "../../../src/modules/risks/schema.ts";
import { namedChoices } from "../../components/form-fields.tsx";
import { RecordList, type RecordListState } from "../../components/record-list.tsx";
import { HeatMaps } from "./heatmap.tsx";
import { RISK_TABLE } from "./table.tsx";

/** Props of the risk register. */
export interface RisksPageProps extends RecordListState<RiskView, RiskQuery> {
  heatmaps: RiskHeatmaps;
  /** Open risks above the appetite (whatever the filters). */
  aboveAppetite: number;
  people: { id: string; name: string }[];
}

/**
 * `/risks`: the heat maps of the open risks (current and residual, each cell a link to its
 * risks), then the register with its filters, sortable columns and pages, all in the URL.
 */
export function RisksPage(props: RisksPageProps) {
  const { view, filters, heatmaps } = props;
  const { t, fmt } = view;
  const cell = filters.likelihood !== undefined || filters.impact !== undefined;
  return (
    <RecordList
      {...props}
      table={RISK_TABLE}
      back="risks.showLive"
      count={
        props.aboveAppetite > 0 && filters.deleted !== "only" ? (
          <>
            {" · "}
            <a
              href={RISK_TABLE.urls.href(filters, { aboveAppetite: "true", page: 1 })}
              data-testid="above-appetite-count"
            >
              {t("risks.aboveCount", { count: fmt.number(props.aboveAppetite) })}
            </a>
          </>
        ) : null
      }
      lead={
        <>
          {filters.deleted === "only" ? null : <HeatMaps view={view} heatmaps={heatmaps} />}
          {cell ? (
            <p class="risk-cell-filter" data-testid="cell-filter">
              {t(filters.scoreOf === "residual" ? "risks.cellResidual" : "risks.cellCurrent", {
                likelihood:
                  heatmaps.matrix.likelihood[(filters.likelihood ?? 0) - 1] ?? filters.likelihood ?? "",
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
      }
      fields={({ choice }) => [
        cell ? { kind: "note", content: <CellFilter filters={filters} /> } : null,
        choice("status", RISK_STATUSES, { section: "field" }),
        choice(
          "level",
          heatmaps.matrix.levels.map((_, i) => String(i)),
          { labels: (i) => heatmaps.matrix.levels[Number(i)]?.name ?? i },
        ),
        {
          kind: "select",
          name: "owner",
          label: t("risks.field.owner"),
          options: namedChoices([{ value: "", label: t("risks.filter.anyone") }], props.people),
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
      ]}
    />
  );
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
