/** @jsxImportSource hono/jsx */
import { raw } from "hono/html";
import type { SearchHit } from "../../../src/kit/search.ts";
import type { ViewContext } from "../../../src/lib/context.ts";
import { Message } from "../../components/message.tsx";
import { PageHead } from "../../components/page-head.tsx";
import { RelativeTime } from "../../components/relative-time.tsx";

/** Props of the search results page. */
export interface SearchPageProps {
  view: ViewContext;
  /** What was typed ("" before a search). */
  q: string;
  /** The hits, best first (empty before a search). */
  hits: SearchHit[];
  /** The most hits one search shows. */
  limit: number;
  /** Why the query could not be searched (no word in it), or null. */
  error: string | null;
}

/**
 * Search results: one section per kind of record (the kinds the viewer may read), each hit a
 * link to its record with the matched words marked in its title and in a snippet of its text.
 * Titles and snippets come HTML-escaped from the search (only `<mark>` added), so they are
 * written as they are.
 */
export function SearchPage({ view, q, hits, limit, error }: SearchPageProps) {
  const { t, fmt } = view;
  // The hits grouped by kind, each group in the order its best hit came.
  const groups = [...Map.groupBy(hits, (hit) => hit.kind)];
  return (
    <section class="search-page" data-testid="search-page">
      <PageHead
        title={t("search.title")}
        sub={q && !error ? t("search.results", { count: fmt.number(hits.length), q }) : t("search.hint")}
        subTestid="search-summary"
      />
      <Message view={view} kind="error" testid="search-error">
        {error}
      </Message>
      {q && !error && hits.length === 0 ? <p class="muted">{t("search.none", { q })}</p> : null}
      <div class="search-results">
        {groups.map(([kind, group]) => (
          <section class="search-group panel" aria-labelledby={`search-${kind}`} data-kind={kind}>
            <h2 id={`search-${kind}`}>
              {t(`nav.${kind}`)} <span class="muted num">{fmt.number(group.length)}</span>
            </h2>
            <ol class="search-hits">
              {group.map((hit) => (
                <li class="search-hit">
                  <a href={hit.href} class="search-hit-title">
                    {raw(hit.title)}
                  </a>
                  <RelativeTime view={view} ms={hit.updatedAt} />
                  {hit.snippet ? <p class="search-hit-snippet">{raw(hit.snippet)}</p> : null}
                </li>
              ))}
            </ol>
          </section>
        ))}
      </div>
      {hits.length >= limit ? <p class="muted">{t("search.more", { count: fmt.number(limit) })}</p> : null}
    </section>
  );
}
