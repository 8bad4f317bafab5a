import { routerIn } from "../../kit/module.ts";
import type { Module } from "../context.ts";

/** One search across every module's searchable record kinds (their `search` declarations): the API and the results page. */
export const searchModule: Module = {
  name: "search",
  api: [routerIn(() => require("./api.ts"), "searchApi", ["deps", "search"])],
  pages: [
    { paths: ["/search"], router: routerIn(() => require("./pages.tsx"), "searchPages", ["deps", "search"]) },
  ],
};
