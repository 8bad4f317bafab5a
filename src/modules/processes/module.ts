import { READ } from "../../kit/rbac.ts";
import { everyRole, resourceModule } from "../../kit/resource-module.ts";
import type { Module } from "../context.ts";
import { processesWsMethods } from "./ws-methods.ts";

/** Loaded on the first request one of its routes matches (src/kit/module-routers.ts). */
const apiFile = (): typeof import("./api.ts") => require("./api.ts");
/** Loaded on the first request one of its routes matches (src/kit/module-routers.ts). */
const pagesFile = (): typeof import("./pages.tsx") => require("./pages.tsx");

/** The host's processes; signalling one (`control`) is for admins. */
export const processesModule: Module = resourceModule("processes", {
  nav: { group: "monitor", order: 20, icon: "cpu" },
  grants: everyRole(READ),
  api: [({ deps }) => apiFile().processesApi(deps)],
  pages: ({ deps }) => pagesFile().processesPages(deps),
  topics: ["processes"],
  ws: ({ deps }) => processesWsMethods({ db: deps.database.db, metrics: deps.metrics }),
});
