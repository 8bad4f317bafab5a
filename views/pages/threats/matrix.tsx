/** @jsxImportSource hono/jsx */
import type { ViewContext } from "../../../src/lib/context.ts";
import type { AttackMatrix, MatrixCell } from "../../../src/modules/threats/matrix.ts";
import { MATRIX_PERIODS } from "../../../src/modules/threats/matrix.ts";
import { SelectField } from "../../components/form-field.tsx";
import { PageHead } from "../../components/page-head.tsx";
import { AttackNotice, ThreatTabs } from "./parts.tsx";

/** Props of the matrix page. */
export interface MatrixPageProps {
  view: ViewContext;
  matrix: AttackMatrix;
  canImport: boolean;
}

const LEVEL_WORDS = ["none", "low", "medium", "high", "top"] as const;

function Cell({ view, cell }: { view: ViewContext; cell: MatrixCell }) {
  const { t, fmt } = view;
  const mitigations = cell.mitigations.map((m) => `${m.attackId} ${m.name}`).join("\n");
  return (
    <li
      class={`attack-cell heat-${cell.level}`}
      data-testid={`cell-${cell.attackId}`}
      data-count={cell.count}
    >
      <a href={`/threats/techniques/${cell.attackId}`} title={mitigations || undefined}>
        <span class="attack-cell-name">
          <span class="mono">{cell.attackId}</span> {cell.name}
        </span>
        <span class="attack-cell-facts">
          <span class="attack-cell-count num">{fmt.number(cell.count)}</span>
          <span class="visually-hidden">{t("threats.matrix.countLabel")}</span>
          <span class="attack-cell-level">{t(`threats.matrix.level.${LEVEL_WORDS[cell.level]}`)}</span>
          <span class="muted">
            {t("threats.matrix.mitigations", { count: fmt.number(cell.mitigations.length) })}
          </span>
        </span>
      </a>
      {cell.subtechniques.length > 0 ? (
        <details class="attack-subs">
          <summary>
            {t("threats.matrix.subtechniques", { count: fmt.number(cell.subtechniques.length) })}
          </summary>
          <ul>
            {cell.subtechniques.map((s) => (
              <li>
                <a href={`/threats/techniques/${s.attackId}`}>
                  <span class="mono">{s.attackId}</span> {s.name}
                </a>
                {s.count > 0 ? <span class="num attack-sub-count">{fmt.number(s.count)}</span> : null}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </li>
  );
}

/**
 * `/threats/matrix`: tactics as columns in matrix order, techniques as cells (sub-techniques
 * folded under their parent), each coloured by how often this organisation's alerts and
 * incidents named it over the chosen period, with the count, a level word and its mitigations.
 */
export function MatrixPage({ view, matrix, canImport }: MatrixPageProps) {
  const { t, fmt } = view;
  return (
    <>
      <PageHead
        title={t("threats.matrix.title")}
        subTestid="matrix-summary"
        sub={t("threats.matrix.summary", { count: fmt.number(matrix.sightings), days: String(matrix.days) })}
      >
        <form
          method="get"
          action="/threats/matrix"
          class="filter-bar"
          hx-get="/threats/matrix"
          hx-trigger="change"
          hx-target="#main"
          hx-swap="outerHTML"
          hx-push-url="true"
        >
          <SelectField
            name="days"
            label={t("threats.matrix.period")}
            value={String(matrix.days)}
            options={MATRIX_PERIODS.map((d) => ({ value: d, label: t("threats.matrix.days", { days: d }) }))}
          />
          <noscript>
            <button type="submit">{t("threats.matrix.show")}</button>
          </noscript>
        </form>
      </PageHead>
      <ThreatTabs view={view} current="matrix" canImport={canImport} />
      <p class="attack-legend" aria-hidden="true">
        {LEVEL_WORDS.map((word, level) => (
          <span class={`attack-legend-item heat-${level}`}>{t(`threats.matrix.level.${word}`)}</span>
        ))}
      </p>
      <div class="attack-matrix" data-testid="attack-matrix">
        {matrix.columns.map((column) => (
          <section class="attack-column" aria-labelledby={`tactic-${column.shortname}`}>
            <h2 id={`tactic-${column.shortname}`}>
              {column.name}
              <span class="muted num"> {fmt.number(column.cells.length)}</span>
            </h2>
            <ul>
              {column.cells.map((cell) => (
                <Cell view={view} cell={cell} />
              ))}
            </ul>
          </section>
        ))}
      </div>
      <AttackNotice view={view} />
    </>
  );
}
