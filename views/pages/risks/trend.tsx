/** @jsxImportSource hono/jsx */
import type { RiskLevelColor } from "../../../src/config/schema.ts";
import type { ViewContext } from "../../../src/lib/context.ts";
import { TREND_PERIODS, type TrendPeriod } from "../../../src/modules/risks/schema.ts";
import type { TrendDay } from "../../../src/modules/risks/trend.ts";
import { PageHead } from "../../components/page-head.tsx";

/** A level of the risk matrix as the trend draws it. */
export interface TrendLevel {
  label: string;
  /** A colour token (`--sev-high`); by default the severity tokens, informational to critical, spread over the levels. */
  color?: string;
}

/** Props of the risk trend. */
export interface RiskTrendProps {
  view: ViewContext;
  period: TrendPeriod;
  /** The page the period links point to (`/risks/trend`); `?period=` is added. */
  href: string;
  /** The matrix's levels, level 1 first. */
  levels: readonly TrendLevel[];
  days: readonly TrendDay[];
}

const TONES = ["--sev-info", "--sev-low", "--sev-medium", "--sev-high", "--sev-critical"];

/** The colour token of level `index` (0-based) of `count`: spread over the severity tokens. */
function toneOf(index: number, count: number): string {
  return TONES[count <= 1 ? 0 : Math.round((index * (TONES.length - 1)) / (count - 1))] as string;
}

type Rating = "current" | "residual";

function Chart({ view, rating, levels, days }: Omit<RiskTrendProps, "period" | "href"> & { rating: Rating }) {
  const data = {
    days: days.map((d) => d.day),
    series: levels.map((level, i) => ({
      label: level.label,
      color: level.color ?? toneOf(i, levels.length),
      values: days.map((d) => d[rating][i] ?? 0),
    })),
  };
  return (
    <figure class="chart">
      <figcaption id={`risk-trend-${rating}`}>{view.t(`riskTrend.${rating}`)}</figcaption>
      <div
        class="chart-canvas"
        role="img"
        aria-labelledby={`risk-trend-${rating}`}
        data-risk-trend={JSON.stringify(data)}
        data-label-day={view.t("riskTrend.day")}
        data-testid={`risk-trend-${rating}`}
      />
    </figure>
  );
}

function TrendTable({ view, levels, days }: Omit<RiskTrendProps, "period" | "href">) {
  const { t, fmt } = view;
  return (
    <details class="risk-trend-table">
      <summary>{t("riskTrend.asTable")}</summary>
      <div class="table-scroll">
        <table data-testid="risk-trend-table">
          <thead>
            <tr>
              <th scope="col" rowspan={2}>
                {t("riskTrend.day")}
              </th>
              <th scope="colgroup" colspan={levels.length}>
                {t("riskTrend.current")}
              </th>
              <th scope="colgroup" colspan={levels.length}>
                {t("riskTrend.residual")}
              </th>
            </tr>
            <tr>
              {[...levels, ...levels].map((level) => (
                <th scope="col" class="num">
                  {level.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {days.map((d) => (
              <tr>
                <th scope="row" class="mono">
                  {d.day}
                </th>
                {[...d.current, ...d.residual].map((n) => (
                  <td class="num">{fmt.number(n)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

/**
 * The risk register over time: per day, how many risks (not closed) stood at each level of
 * the matrix by their current and by their residual rating, as two uPlot charts
 * (public/js/risk-trend.js reads `data-risk-trend`; the CSP allows no inline script) with a
 * period selector, and the same figures as a table.
 */
export function RiskTrend({ view, period, href, levels, days }: RiskTrendProps) {
  const { t } = view;
  return (
    <section class="panel risk-trend" aria-labelledby="risk-trend-title" data-testid="risk-trend">
      <div class="history-head">
        <h2 id="risk-trend-title">{t("riskTrend.title")}</h2>
        <nav class="segmented" aria-label={t("riskTrend.period")}>
          {TREND_PERIODS.map((p) => (
            <a href={`${href}?period=${p}`} aria-current={p === period ? "true" : undefined}>
              {t(`riskTrend.periods.${p}`)}
            </a>
          ))}
        </nav>
      </div>
      {days.length === 0 ? (
        <p class="muted" data-testid="risk-trend-empty">
          {t("riskTrend.empty")}
        </p>
      ) : (
        <>
          <div class="charts">
            <Chart view={view} rating="current" levels={levels} days={days} />
            <Chart view={view} rating="residual" levels={levels} days={days} />
          </div>
          <TrendTable view={view} levels={levels} days={days} />
        </>
      )}
    </section>
  );
}

/** Props of `/risks/trend`. */
export interface RiskTrendPageProps {
  view: ViewContext;
  period: TrendPeriod;
  /** The matrix's levels, lowest first. */
  levels: readonly { name: string; color: RiskLevelColor }[];
  days: readonly TrendDay[];
}

/** The theme token of each level colour of `risk.matrix` (as public/css/risks.css maps them). */
const COLOR_TOKENS: Record<RiskLevelColor, string> = {
  green: "--ok",
  blue: "--sev-low",
  amber: "--sev-medium",
  orange: "--sev-high",
  red: "--sev-critical",
  grey: "--sev-info",
};

/** `/risks/trend`: the register's levels over the chosen period, in the matrix's own colours. */
export function RiskTrendPage({ view, period, levels, days }: RiskTrendPageProps) {
  const { t } = view;
  return (
    <>
      <PageHead title={t("riskTrend.pageTitle")} sub={<a href="/risks">{t("riskTrend.back")}</a>} />
      <RiskTrend
        view={view}
        period={period}
        href="/risks/trend"
        levels={levels.map((l) => ({ label: l.name, color: COLOR_TOKENS[l.color] }))}
        days={days}
      />
    </>
  );
}
