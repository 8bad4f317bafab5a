import type { Module } from "../context.ts";
import { searchApi } from "./api.ts";
import { SEARCH_PATHS, searchPages } from "./pages.tsx";

/** One search across every module's searchable record kinds (their `search` declarations): the API and the results page. */
export const searchModule: Module = {
  name: "search",
  api: [({ deps, search }) => searchApi(deps, search)],
  pages: [{ paths: SEARCH_PATHS, router: ({ deps, search }) => searchPages(deps, search) }],
};
