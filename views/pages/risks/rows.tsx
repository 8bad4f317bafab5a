/** @jsxImportSource hono/jsx */
import type { ViewContext } from "../../../src/lib/context.ts";
import type { RiskView } from "../../../src/modules/risks/risk-queries.ts";
import { EmptyRow } from "../../components/empty-row.tsx";
import { RelativeTime } from "../../components/relative-time.tsx";
import { RestorableTitle } from "../../components/restorable-title.tsx";
import { type RiskFilters, riskUrls } from "./filters.ts";
import { RISK } from "./kind.ts";
import { AppetiteMark, RiskStatusLabel, ScoreBadge } from "./parts.tsx";

/** The risk table's rows (also the body of each live refresh). */
export function RiskRows({
  view,
  items,
  filters,
}: {
  view: ViewContext;
  items: RiskView[];
  filters: RiskFilters;
}) {
  const { t } = view;
  if (items.length === 0)
    return (
      <EmptyRow
        view={view}
        kind={RISK}
        columns={6}
        filtered={riskUrls.filtered(filters)}
        clearHref={riskUrls.cleared(filters)}
      />
    );
  return (
    <>
      {items.map((r) => (
        <tr id={`risk-${r.id}`} class={r.aboveAppetite ? "is-above-appetite" : undefined}>
          <td>
            <RestorableTitle
              view={view}
              kind={RISK}
              id={r.id}
              title={r.title}
              deleted={filters.deleted === "only"}
            />
            <div class="cell-sub">
              {t(`risks.category.${r.category}`)}
              {r.aboveAppetite ? (
                <>
                  {" "}
                  <AppetiteMark view={view} />
                </>
              ) : null}
            </div>
          </td>
          <td class="nowrap">
            <ScoreBadge view={view} score={r.scores.current} />
          </td>
          <td class="nowrap col-opt">
            <ScoreBadge view={view} score={r.scores.residual} />
          </td>
          <td class="nowrap">
            <RiskStatusLabel view={view} status={r.status} />
            <div class="cell-sub">
              {r.treatment ? t(`risks.treatment.${r.treatment}`) : t("risks.untreated")}
            </div>
          </td>
          <td class="col-opt">{r.owner.name}</td>
          <td class="nowrap col-opt">
            {r.nextReviewAt === null ? (
              <span class="muted">—</span>
            ) : (
              <RelativeTime view={view} ms={r.nextReviewAt} />
            )}
          </td>
        </tr>
      ))}
    </>
  );
}
