import { READ } from "../../kit/rbac.ts";
import { everyRole, resourceModule } from "../../kit/resource-module.ts";
import type { Module } from "../context.ts";
import { windowsWsMethods } from "./ws-methods.ts";

/** Loaded on the first request one of its routes matches (src/kit/module-routers.ts). */
const apiFile = (): typeof import("./api.ts") => require("./api.ts");
/** Loaded on the first request one of its routes matches (src/kit/module-routers.ts). */
const pagesFile = (): typeof import("./pages.tsx") => require("./pages.tsx");

/** The desktop's windows; acting on one (`control`) is for admins. */
export const windowsModule: Module = resourceModule("windows", {
  nav: { group: "monitor", order: 30, icon: "app-window" },
  grants: everyRole(READ),
  api: [({ deps }) => apiFile().windowsApi(deps)],
  pages: ({ deps }) => pagesFile().windowsPages(deps),
  ws: ({ deps }) => windowsWsMethods({ db: deps.database.db, config: deps.config }),
});
