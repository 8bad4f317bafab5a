import { READ } from "../../kit/rbac.ts";
import { everyRole, resourceModule } from "../../kit/resource-module.ts";
import type { Module } from "../context.ts";

/**
 * Hosts: the one Warden runs on and every agent streaming to it (`warden agent`). Every
 * role reads hosts; admins alone create enrolment tokens and revoke agents.
 */
export const hostsModule: Module = resourceModule("hosts", {
  nav: { group: "monitor", order: 15, icon: "monitor" },
  grants: everyRole(READ),
  api: [(ctx) => (require("./api.ts") as typeof import("./api.ts")).hostsApi(ctx)],
  pages: (ctx) => (require("./pages.tsx") as typeof import("./pages.tsx")).hostsPages(ctx),
  topics: ["hosts"],
});
