/** @jsxImportSource hono/jsx */
import { Hono } from "hono";
import { SearchPage } from "../../../views/pages/search/index.tsx";
import type { AppDeps } from "../../deps.ts";
import { MAX_SEARCH_HITS, searchQuerySchema, searchRecords } from "../../kit/search.ts";
import type { SearchSource } from "../../kit/search-index.ts";
import { type AppEnv, actorOf } from "../../lib/context.ts";
import { Validation } from "../../lib/errors.ts";
import { renderViewPage } from "../../lib/htmx.tsx";

/**
 * The search results page (any signed-in role; hits only of kinds the viewer reads):
 * - GET /search?q=   the best hits across every kind, grouped by kind; without `q`, how to search
 */
export function searchPages(deps: AppDeps, sources: readonly SearchSource[]): Hono<AppEnv> {
  const router = new Hono<AppEnv>();
  router.get("/search", async (c) => {
    const q = (c.req.query("q") ?? "").trim().slice(0, 200);
    let hits: Awaited<ReturnType<typeof searchRecords>>["hits"] = [];
    let error: string | null = null;
    if (q) {
      try {
        const query = searchQuerySchema.parse({ q, limit: MAX_SEARCH_HITS });
        hits = (await searchRecords(deps.database.db, sources, actorOf(c), query)).hits;
      } catch (e) {
        if (!(e instanceof Validation)) throw e;
        error = c.get("view").t("search.noWords");
      }
    }
    return renderViewPage(c, "search.title", error ? 422 : undefined, (view) => (
      <SearchPage view={view} q={q} hits={hits} limit={MAX_SEARCH_HITS} error={error} />
    ));
  });
  return router;
}
