/** @jsxImportSource hono/jsx */
import type { ViewContext } from "../../src/lib/context.ts";
import { Icon } from "./icon.tsx";

/** Props of the pagination bar. */
export interface PaginationProps {
  view: ViewContext;
  /** The page shown: its number, its size and the total of the whole list. */
  of: { page: number; pageSize: number; total: number };
  /** The URL of page `n` (keeping the list's filters). */
  hrefFor: (page: number) => string;
}

/**
 * "41–60 of 137" with links to the previous and next page; unavailable ones are shown
 * disabled. Nothing when the whole list fits on one page.
 */
export function Pagination({ view, of, hrefFor }: PaginationProps) {
  const { page, pageSize, total } = of;
  if (total <= pageSize) return null;
  const { t, fmt } = view;
  const sprite = view.asset("vendor/icons.svg");
  const last = Math.max(1, Math.ceil(total / pageSize));
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  const link = (target: number, label: string, icon: "chevron-left" | "chevron-right", rel: string) =>
    target >= 1 && target <= last && target !== page ? (
      <a class="button is-secondary is-small" href={hrefFor(target)} rel={rel}>
        {icon === "chevron-left" ? <Icon name={icon} sprite={sprite} /> : null}
        {label}
        {icon === "chevron-right" ? <Icon name={icon} sprite={sprite} /> : null}
      </a>
    ) : (
      <span class="button is-secondary is-small is-disabled" aria-disabled="true">
        {icon === "chevron-left" ? <Icon name={icon} sprite={sprite} /> : null}
        {label}
        {icon === "chevron-right" ? <Icon name={icon} sprite={sprite} /> : null}
      </span>
    );
  return (
    <nav class="pagination" aria-label={t("pagination.label")}>
      <p class="pagination-range num" data-testid="pagination-range">
        {t("pagination.range", { from: fmt.number(from), to: fmt.number(to), total: fmt.number(total) })}
      </p>
      <div class="pagination-links">
        {link(page - 1, t("pagination.previous"), "chevron-left", "prev")}
        <span class="pagination-page num">
          {t("pagination.page", { page: fmt.number(page), pages: fmt.number(last) })}
        </span>
        {link(page + 1, t("pagination.next"), "chevron-right", "next")}
      </div>
    </nav>
  );
}
