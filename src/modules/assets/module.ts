import { READ, WRITE } from "../../kit/rbac.ts";
import type { Module } from "../context.ts";
import { assetsApi } from "./api.ts";
import { assetsDemo } from "./demo.ts";
import { ASSETS_PATHS, assetsPages } from "./pages.tsx";
import { ASSET_SEARCH } from "./service.ts";

/** The CMDB: assets and their dependencies. */
export const assetsModule: Module = {
  name: "assets",
  nav: [{ group: "manage", order: 20, href: "/cmdb", icon: "server", resource: "assets" }],
  permissions: { assets: { viewer: READ, analyst: WRITE, manager: WRITE } },
  api: [({ deps }) => assetsApi(deps)],
  pages: [{ paths: ASSETS_PATHS, router: ({ deps }) => assetsPages(deps) }],
  topics: ["assets"],
  demo: assetsDemo,
  search: [ASSET_SEARCH],
};
