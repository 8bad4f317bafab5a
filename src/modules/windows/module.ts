import { READ } from "../../kit/rbac.ts";
import { everyRole, resourceModule } from "../../kit/resource-module.ts";
import type { Module } from "../context.ts";
import { windowsWsMethods } from "./ws-methods.ts";

/** The desktop's windows; acting on one (`control`) is for admins. */
export const windowsModule: Module = resourceModule("windows", {
  nav: { group: "monitor", order: 30, icon: "app-window" },
  grants: everyRole(READ),
  files: { api: () => require("./api.ts"), pages: () => require("./pages.tsx") },
  ws: ({ deps }) => windowsWsMethods({ db: deps.database.db, config: deps.config }),
});
