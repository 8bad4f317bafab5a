/** @jsxImportSource hono/jsx */
import type { ViewContext } from "../../src/lib/context.ts";
import { Icon } from "../components/icon.tsx";

/**
 * The header's global search: a plain GET form to `/search` (works without JavaScript);
 * `/` or Ctrl-K (⌘K) focuses it from anywhere on the page (the shell's key bindings in
 * public/js/app.js look for `#global-search`).
 */
export function SearchBox({ view, q = "" }: { view: ViewContext; q?: string }) {
  const { t } = view;
  return (
    <search class="global-search">
      <form action="/search" method="get">
        <label class="visually-hidden" for="global-search">
          {t("search.label")}
        </label>
        <Icon name="search" sprite={view.asset("vendor/icons.svg")} />
        <input
          type="search"
          id="global-search"
          name="q"
          value={q}
          maxlength={200}
          autocomplete="off"
          placeholder={t("search.placeholder")}
          aria-keyshortcuts="/ Control+K"
          data-testid="global-search"
        />
        <span class="global-search-key" aria-hidden="true">
          /
        </span>
      </form>
    </search>
  );
}
