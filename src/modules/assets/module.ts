import { resourceModule, teamGrants } from "../../kit/resource-module.ts";
import type { Module } from "../context.ts";
import { ASSET_SEARCH } from "./search.ts";

/** Loaded on the first request one of its routes matches (src/kit/module-routers.ts). */
const apiFile = (): typeof import("./api.ts") => require("./api.ts");
/** Loaded on the first request one of its routes matches (src/kit/module-routers.ts). */
const pagesFile = (): typeof import("./pages.tsx") => require("./pages.tsx");

/** The CMDB: assets and their dependencies. */
export const assetsModule: Module = resourceModule("assets", {
  nav: { group: "manage", order: 20, href: "/cmdb", icon: "server" },
  grants: teamGrants(),
  api: [({ deps }) => apiFile().assetsApi(deps)],
  pages: ({ deps }) => pagesFile().assetsPages(deps),
  topics: ["assets"],
  demo: () => (require("./demo.ts") as typeof import("./demo.ts")).assetsDemo,
  search: [ASSET_SEARCH],
});
