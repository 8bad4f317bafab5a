/** @jsxImportSource hono/jsx */
import type { ViewContext } from "../../src/lib/context.ts";
import { Icon } from "./icon.tsx";

/** Where a page's links lead: the first, previous and next page (null where there is none). */
export interface PageLinks {
  first: string | null;
  previous: string | null;
  next: string | null;
}

/** Props of the pagination bar. */
export interface PaginationProps {
  view: ViewContext;
  /** The page shown: its number (for a list read by cursor, the number shown), its size and the total of the whole list. */
  of: { page: number; pageSize: number; total: number };
  /** The URL of page `n` (keeping the list's filters), for a list paged by number; or the links of a list paged by cursor. */
  hrefFor?: (page: number) => string;
  links?: PageLinks;
}

/** The links of page `page` of `last` for a list paged by number: `hrefFor` each neighbour that exists. */
function numberLinks(page: number, last: number, hrefFor: (page: number) => string): PageLinks {
  const to = (target: number) => (target >= 1 && target <= last && target !== page ? hrefFor(target) : null);
  return { first: page > 1 ? hrefFor(1) : null, previous: to(page - 1), next: to(page + 1) };
}

/**
 * "41–60 of 137" with links to the first, previous and next page; unavailable ones are shown
 * disabled. Nothing when the whole list fits on one page and no link leads elsewhere.
 */
export function Pagination({ view, of, hrefFor, links }: PaginationProps) {
  const { pageSize, total } = of;
  const last = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(Math.max(1, of.page), last);
  const to = links ?? numberLinks(page, last, hrefFor ?? (() => ""));
  if (total <= pageSize && !to.first && !to.previous && !to.next) return null;
  const { t, fmt } = view;
  const sprite = view.asset("vendor/icons.svg");
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const upTo = Math.min(total, page * pageSize);
  const link = (
    href: string | null,
    label: string,
    icon: "chevron-left" | "chevron-right" | null,
    rel: string,
  ) => {
    const content = (
      <>
        {icon === "chevron-left" ? <Icon name={icon} sprite={sprite} /> : null}
        {label}
        {icon === "chevron-right" ? <Icon name={icon} sprite={sprite} /> : null}
      </>
    );
    return href ? (
      <a class="button is-secondary is-small" href={href} rel={rel}>
        {content}
      </a>
    ) : (
      <span class="button is-secondary is-small is-disabled" aria-disabled="true">
        {content}
      </span>
    );
  };
  return (
    <nav class="pagination" aria-label={t("pagination.label")}>
      <p class="pagination-range num" data-testid="pagination-range">
        {t("pagination.range", { from: fmt.number(from), to: fmt.number(upTo), total: fmt.number(total) })}
      </p>
      <div class="pagination-links">
        {link(to.first, t("pagination.first"), null, "first")}
        {link(to.previous, t("pagination.previous"), "chevron-left", "prev")}
        <span class="pagination-page num">
          {t("pagination.page", { page: fmt.number(page), pages: fmt.number(last) })}
        </span>
        {link(to.next, t("pagination.next"), "chevron-right", "next")}
      </div>
    </nav>
  );
}
