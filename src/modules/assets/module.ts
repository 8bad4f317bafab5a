import { resourceModule, teamGrants } from "../../kit/resource-module.ts";
import type { Module } from "../context.ts";
import { ASSET_SEARCH } from "./search.ts";

/** The CMDB: assets and their dependencies. */
export const assetsModule: Module = resourceModule("assets", {
  nav: { group: "manage", order: 20, href: "/cmdb", icon: "server" },
  grants: teamGrants(),
  files: { api: () => require("./api.ts"), pages: () => require("./pages.tsx") },
  topics: ["assets"],
  demo: () => (require("./demo.ts") as typeof import("./demo.ts")).assetsDemo,
  search: [ASSET_SEARCH],
});
