import { READ } from "../../kit/rbac.ts";
import { everyRole, resourceModule } from "../../kit/resource-module.ts";
import type { Module } from "../context.ts";

/** Loaded on the first request one of its routes matches (src/kit/module-routers.ts). */
const apiFile = (): typeof import("./api.ts") => require("./api.ts");
/** Loaded on the first request one of its routes matches (src/kit/module-routers.ts). */
const pagesFile = (): typeof import("./pages.tsx") => require("./pages.tsx");

/**
 * Hosts: the one Warden runs on and every agent streaming to it (`warden agent`). Every
 * role reads hosts; admins alone create enrolment tokens and revoke agents.
 */
export const hostsModule: Module = resourceModule("hosts", {
  nav: { group: "monitor", order: 15, icon: "monitor" },
  grants: everyRole(READ),
  api: [(ctx) => apiFile().hostsApi(ctx)],
  pages: (ctx) => pagesFile().hostsPages(ctx),
  topics: ["hosts"],
});
