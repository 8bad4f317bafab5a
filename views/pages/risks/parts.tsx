/** @jsxImportSource hono/jsx */
import type { ViewContext } from "../../../src/lib/context.ts";
import type { RiskScore } from "../../../src/modules/risks/matrix.ts";
import type { RiskStatus } from "../../../src/modules/risks/schema.ts";

/**
 * A score: likelihood × impact and its level's badge (its colour from the config, a theme
 * token, and its name), or "outside the matrix" when the matrix in force no longer holds it
 * (the score is kept as stored).
 */
export function ScoreBadge({
  view,
  score,
  testid,
}: {
  view: ViewContext;
  score: RiskScore;
  testid?: string;
}) {
  return (
    <span class="risk-score" data-testid={testid}>
      <span
        class="num mono"
        title={view.t("risks.scoreTitle", { likelihood: score.likelihood, impact: score.impact })}
      >
        {score.likelihood}×{score.impact}
      </span>
      {score.level ? (
        <span class={`badge risk-level risk-c-${score.level.color}`}>{score.level.name}</span>
      ) : (
        <span class="badge risk-outside">{view.t("risks.outside")}</span>
      )}
    </span>
  );
}

/** The mark of a risk above the appetite (a word, not only a colour). */
export function AppetiteMark({ view }: { view: ViewContext }) {
  return (
    <span class="badge risk-above" data-testid="above-appetite">
      {view.t("risks.aboveAppetite")}
    </span>
  );
}

/** A risk status as a neutral outlined label. */
export function RiskStatusLabel({ view, status }: { view: ViewContext; status: RiskStatus }) {
  return <span class={`status risk-status-${status}`}>{view.t(`risks.status.${status}`)}</span>;
}
