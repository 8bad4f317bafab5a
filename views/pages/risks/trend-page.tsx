/** @jsxImportSource hono/jsx */
import type { RiskLevelColor } from "../../../src/config/schema.ts";
import type { ViewContext } from "../../../src/lib/context.ts";
import type { TrendPeriod } from "../../../src/modules/risks/schema.ts";
import type { TrendDay } from "../../../src/modules/risks/trend.ts";
import { PageHead } from "../../components/page-head.tsx";
import { RiskTrend } from "./trend.tsx";

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
