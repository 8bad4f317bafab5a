import type { Module } from "../context.ts";

/** Loaded on the first request one of its routes matches (src/kit/module-routers.ts). */
const apiFile = (): typeof import("./api.ts") => require("./api.ts");
/** Loaded on the first request one of its routes matches (src/kit/module-routers.ts). */
const pagesFile = (): typeof import("./pages.tsx") => require("./pages.tsx");

/** One search across every module's searchable record kinds (their `search` declarations): the API and the results page. */
export const searchModule: Module = {
  name: "search",
  api: [({ deps, search }) => apiFile().searchApi(deps, search)],
  pages: [{ paths: ["/search"], router: ({ deps, search }) => pagesFile().searchPages(deps, search) }],
};
