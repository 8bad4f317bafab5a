import { RISK } from "../../../src/modules/risks/kind.ts";
import { DEFAULT_RISK_SORT, type RiskQuery } from "../../../src/modules/risks/risk-input.ts";
import { listUrls } from "../../components/query-string.ts";

/** The risk list's view as it stands in the URL. */
export type RiskFilters = RiskQuery;

/** The risk list's URLs: its filters in the URL. */
export const riskUrls = listUrls<RiskFilters>(
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
);

/** `/risks` showing this view. */
export const risksHref = riskUrls.href;

/** The list of the open risks in one heat map cell: `scoreOf` (current or residual) is likelihood × impact. */
export function cellHref(scoreOf: "current" | "residual", likelihood: number, impact: number): string {
  const query = new URLSearchParams({ likelihood: String(likelihood), impact: String(impact), open: "true" });
  if (scoreOf === "residual") query.set("scoreOf", "residual");
  return `${RISK.path}?${query}`;
}
