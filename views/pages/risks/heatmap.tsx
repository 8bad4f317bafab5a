/** @jsxImportSource hono/jsx */
import type { ViewContext } from "../../../src/lib/context.ts";
import { RISK } from "../../../src/modules/risks/kind.ts";
import type { HeatMap, RiskHeatmaps } from "../../../src/modules/risks/risk-queries.ts";

/** The list of the open risks in one heat map cell: `scoreOf` (current or residual) is likelihood × impact. */
function cellHref(scoreOf: "current" | "residual", likelihood: number, impact: number): string {
  const query = new URLSearchParams({ likelihood: String(likelihood), impact: String(impact), open: "true" });
  if (scoreOf === "residual") query.set("scoreOf", "residual");
  return `${RISK.path}?${query}`;
}

/** One heat map as a table: likelihood rows (highest first), impact columns, each cell a link to its risks. */
function HeatTable({
  view,
  kind,
  map,
  matrix,
}: {
  view: ViewContext;
  kind: "current" | "residual";
  map: HeatMap;
  matrix: RiskHeatmaps["matrix"];
}) {
  const { t, fmt } = view;
  const rows = [...map.rows].reverse();
  return (
    <div class="risk-heat" data-testid={`heatmap-${kind}`}>
      <table class="risk-heat-table">
        <caption>{t(`risks.heat.${kind}`)}</caption>
        <thead>
          <tr>
            <th scope="col" class="risk-heat-corner">
              <span class="visually-hidden">{t("risks.heat.corner")}</span>
            </th>
            {matrix.impact.map((label, i) => (
              <th scope="col" title={label}>
                <span class="risk-heat-axis">{i + 1}</span>
                <span class="risk-heat-label">{label}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const label = matrix.likelihood[(row[0]?.likelihood ?? 1) - 1] ?? "";
            return (
              <tr>
                <th scope="row" title={label}>
                  <span class="risk-heat-axis">{row[0]?.likelihood}</span>
                  <span class="risk-heat-label">{label}</span>
                </th>
                {row.map((cell) => (
                  <td class={`risk-cell risk-c-${cell.level.color}${cell.count === 0 ? " is-empty" : ""}`}>
                    <a
                      href={cellHref(kind, cell.likelihood, cell.impact)}
                      aria-label={t("risks.heat.cell", {
                        count: cell.count,
                        likelihood: matrix.likelihood[cell.likelihood - 1] ?? cell.likelihood,
                        impact: matrix.impact[cell.impact - 1] ?? cell.impact,
                        level: cell.level.name,
                      })}
                      data-testid={`cell-${kind}-${cell.likelihood}-${cell.impact}`}
                    >
                      <span class="num">{fmt.number(cell.count)}</span>
                      <span class="risk-cell-level">{cell.level.name}</span>
                    </a>
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
      <p class="risk-heat-axes muted">
        {t("risks.heat.axes")}
        {map.outside > 0 ? ` · ${t("risks.heat.outside", { count: map.outside })}` : ""}
      </p>
    </div>
  );
}

/** The current and residual heat maps side by side (stacked on phones), above the risk list. */
export function HeatMaps({ view, heatmaps }: { view: ViewContext; heatmaps: RiskHeatmaps }) {
  const { matrix } = heatmaps;
  const appetite = matrix.levels[heatmaps.appetite]?.name ?? "";
  return (
    <section class="risk-heatmaps panel" aria-labelledby="heatmaps-title">
      <h2 class="section-title" id="heatmaps-title">
        {view.t("risks.heat.title")}
        <span class="muted risk-appetite-note"> · {view.t("risks.heat.appetite", { level: appetite })}</span>
      </h2>
      <div class="risk-heat-pair">
        <HeatTable view={view} kind="current" map={heatmaps.current} matrix={matrix} />
        <HeatTable view={view} kind="residual" map={heatmaps.residual} matrix={matrix} />
      </div>
      <p class="risk-trend-link">
        <a href="/risks/trend" data-testid="risk-trend-link">
          {view.t("risks.trendLink")}
        </a>
      </p>
    </section>
  );
}
