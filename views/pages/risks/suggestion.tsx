/** @jsxImportSource hono/jsx */

import type { ViewContext } from "../../../src/lib/context.ts";
import { renderPhrase } from "../../../src/lib/phrase.ts";
import type { Suggestion } from "../../../src/modules/risks/evidence.ts";
import { HiddenFields } from "../../components/form-field.tsx";
import { SubmitButton } from "../../components/submit-button.tsx";

/** Props of the likelihood suggestion panel. */
export interface RiskSuggestionProps {
  view: ViewContext;
  suggestion: Suggestion;
  /** The matrix's likelihood labels, level 1 first. */
  labels: readonly string[];
  /**
   * Where "apply" posts (`likelihood` = the suggested level, plus `fields`); null when the
   * viewer may not change the risk (no button).
   */
  applyUrl: string | null;
  /** More fields the apply form sends (e.g. the risk's `version`). */
  fields?: Record<string, string>;
}

/** "4 · Likely": a level with its label. */
function levelName(labels: readonly string[], level: number): string {
  const label = labels[level - 1];
  return label ? `${level} · ${label}` : String(level);
}

/**
 * A risk's evidence-based likelihood suggestion: the suggested level next to the present one,
 * why (each piece of evidence as a link to its record, with its points), the scoring rule in
 * words, and a button applying it. Only a suggestion: nothing changes until someone applies it.
 * A plain form (the shell boosts it with htmx).
 */
export function RiskSuggestion({ view, suggestion, labels, applyUrl, fields }: RiskSuggestionProps) {
  const { t, fmt } = view;
  const s = suggestion;
  const same = s.current === s.likelihood;
  return (
    <section
      class="panel risk-suggestion"
      aria-labelledby="risk-suggestion-title"
      data-testid="risk-suggestion"
    >
      <h2 id="risk-suggestion-title">{t("riskSuggestion.title")}</h2>
      <dl class="facts risk-suggestion-levels">
        <dt>{t("riskSuggestion.suggested")}</dt>
        <dd data-testid="suggested-level">
          <strong>{levelName(labels, s.likelihood)}</strong>
        </dd>
        <dt>{t("riskSuggestion.current")}</dt>
        <dd data-testid="current-level">
          {s.current === null ? (
            <span class="muted">{t("riskSuggestion.unset")}</span>
          ) : (
            levelName(labels, s.current)
          )}
        </dd>
      </dl>
      <p data-testid="suggestion-because">
        {t("riskSuggestion.because", {
          level: String(s.likelihood),
          levels: String(s.levels),
          points: fmt.number(s.points),
          days: String(s.windowDays),
        })}
      </p>
      <ol class="risk-reasons" data-testid="suggestion-reasons">
        {s.reasons.map((reason) => (
          <li data-kind={reason.kind}>
            {reason.link ? (
              <a href={reason.link}>{renderPhrase(t, reason.phrase)}</a>
            ) : (
              <span>{renderPhrase(t, reason.phrase)}</span>
            )}
            <span class="num muted">{t("riskSuggestion.points", { points: fmt.number(reason.points) })}</span>
          </li>
        ))}
      </ol>
      <details class="risk-suggestion-rule">
        <summary>{t("riskSuggestion.rule")}</summary>
        <p class="muted">{renderPhrase(t, s.rule)}</p>
      </details>
      {applyUrl ? (
        same ? (
          <p class="muted" data-testid="suggestion-same">
            {t("riskSuggestion.same")}
          </p>
        ) : (
          <form method="post" action={applyUrl} class="inline-form">
            <HiddenFields fields={{ ...fields, likelihood: String(s.likelihood) }} />
            <SubmitButton variant="secondary" small testid="apply-suggestion">
              {t("riskSuggestion.apply", { level: levelName(labels, s.likelihood) })}
            </SubmitButton>
          </form>
        )
      ) : null}
      <p class="muted risk-suggestion-note">{t("riskSuggestion.onlySuggestion")}</p>
    </section>
  );
}
