import { READ } from "../../kit/rbac.ts";
import { everyRole, resourceModule } from "../../kit/resource-module.ts";
import type { Module } from "../context.ts";
import { processesWsMethods } from "./ws-methods.ts";

/** The host's processes; signalling one (`control`) is for admins. */
export const processesModule: Module = resourceModule("processes", {
  nav: { group: "monitor", order: 20, icon: "cpu" },
  grants: everyRole(READ),
  files: { api: () => require("./api.ts"), pages: () => require("./pages.tsx") },
  topics: ["processes"],
  ws: ({ deps }) => processesWsMethods({ db: deps.database.db, metrics: deps.metrics }),
});
