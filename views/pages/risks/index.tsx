/** @jsxImportSource hono/jsx */
import type { RiskHeatmaps } from "../../../src/modules/risks/heatmap.ts";
import type { RiskQuery } from "../../../src/modules/risks/risk-input.ts";
import type { RiskView } from "../../../src/modules/risks/risk-queries.ts";
import { RecordList, type RecordListState } from "../../components/record-list.tsx";
import { HeatMaps } from "./heatmap.tsx";
import { cellFiltered, RISK_TABLE } from "./table.tsx";

/** Props of the risk register. */
export interface RisksPageProps extends RecordListState<RiskView, RiskQuery> {
  heatmaps: RiskHeatmaps;
  /** Open risks above the appetite (whatever the filters). */
  aboveAppetite: number;
  /** People to filter by (the owner filter). */
  people: { id: string; name: string }[];
}

/**
 * `/risks`: the heat maps of the open risks (current and residual, each cell a link to its
 * risks), then the register with its filters, sortable columns and pages, all in the URL.
 */
export function RisksPage(props: RisksPageProps) {
  const { view, filters, heatmaps } = props;
  const { t } = view;
  return (
    <RecordList
      {...props}
      table={RISK_TABLE}
      lead={
        <>
          {filters.deleted === "only" ? null : <HeatMaps view={view} heatmaps={heatmaps} />}
          {cellFiltered(filters) ? (
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
    />
  );
}
