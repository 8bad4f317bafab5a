import { READ, WRITE } from "../../kit/rbac.ts";
import type { Module } from "../context.ts";
import { assetsDemo } from "./demo.ts";
import { ASSET_SEARCH } from "./service.ts";

/** Loaded on the first request one of its routes matches (src/kit/module-routers.ts). */
const apiFile = (): typeof import("./api.ts") => require("./api.ts");
/** Loaded on the first request one of its routes matches (src/kit/module-routers.ts). */
const pagesFile = (): typeof import("./pages.tsx") => require("./pages.tsx");

/** The CMDB: assets and their dependencies. */
export const assetsModule: Module = {
  name: "assets",
  nav: [{ group: "manage", order: 20, href: "/cmdb", icon: "server", resource: "assets" }],
  permissions: { assets: { viewer: READ, analyst: WRITE, manager: WRITE } },
  api: [({ deps }) => apiFile().assetsApi(deps)],
  pages: [{ paths: ["/cmdb"], router: ({ deps }) => pagesFile().assetsPages(deps) }],
  topics: ["assets"],
  demo: assetsDemo,
  search: [ASSET_SEARCH],
};
