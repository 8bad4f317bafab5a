import { resourceModule, teamGrants } from "../../kit/resource-module.ts";
import type { Module } from "../context.ts";
import { DOCUMENT_SEARCH } from "./search.ts";

/** Loaded on the first request one of its routes matches (src/kit/module-routers.ts). */
const apiFile = (): typeof import("./api.ts") => require("./api.ts");
/** Loaded on the first request one of its routes matches (src/kit/module-routers.ts). */
const pagesFile = (): typeof import("./pages.tsx") => require("./pages.tsx");

/** Policies and other documents: review, approval (managers), publication, versions, acknowledgments. */
export const documentsModule: Module = resourceModule("documents", {
  nav: { group: "manage", order: 30, icon: "file-text" },
  grants: teamGrants(["approve", "publish"]),
  api: [({ deps }) => apiFile().documentsApi(deps)],
  pages: ({ deps }) => pagesFile().documentsPages(deps),
  topics: ["documents"],
  demo: () => (require("./demo.ts") as typeof import("./demo.ts")).documentsDemo,
  search: [DOCUMENT_SEARCH],
});
