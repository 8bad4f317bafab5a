/** @jsxImportSource hono/jsx */
import type { Child } from "hono/jsx";
import type { ViewContext } from "../../../src/lib/context.ts";

/** History ranges the dashboard offers, as `?history=` values. */
export const HISTORY_RANGES = ["1h", "24h", "7d", "30d"] as const;

/** A history range. */
export type HistoryRange = (typeof HISTORY_RANGES)[number];

/** A panel of history charts under a title, with a choice of range (plain links: a range is a page of its own). */
export function HistoryPanel(props: {
  view: ViewContext;
  title: string;
  /** The range shown, and the address of the page showing each range. */
  range: HistoryRange;
  href: (range: HistoryRange) => string;
  /** The charts. */
  children: Child;
}) {
  const { view, title, range, href, children } = props;
  const { t } = view;
  return (
    <section class="panel history" aria-labelledby="history-title">
      <div class="history-head">
        <h2 id="history-title">{title}</h2>
        <nav class="segmented" aria-label={t("dashboard.historyRange")}>
          {HISTORY_RANGES.map((r) => (
            <a href={href(r)} aria-current={r === range ? "true" : undefined} hx-boost="false">
              {t(`dashboard.range.${r}`)}
            </a>
          ))}
        </nav>
      </div>
      {children}
    </section>
  );
}
