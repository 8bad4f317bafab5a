import { READ } from "../../kit/rbac.ts";
import type { Module } from "../context.ts";

/** Loaded on the first request one of its routes matches (src/kit/module-routers.ts). */
const apiFile = (): typeof import("./api.ts") => require("./api.ts");
/** Loaded on the first request one of its routes matches (src/kit/module-routers.ts). */
const pagesFile = (): typeof import("./pages.tsx") => require("./pages.tsx");

/**
 * Hosts: the one Warden runs on and every agent streaming to it (`warden agent`). Every
 * role reads hosts; admins alone create enrolment tokens and revoke agents.
 */
export const hostsModule: Module = {
  name: "hosts",
  nav: [
    { group: "monitor", order: 15, href: "/hosts", label: "nav.hosts", icon: "monitor", resource: "hosts" },
  ],
  permissions: { hosts: { viewer: READ, analyst: READ, manager: READ } },
  api: [(ctx) => apiFile().hostsApi(ctx)],
  pages: [{ paths: ["/hosts"], router: (ctx) => pagesFile().hostsPages(ctx) }],
  topics: ["hosts"],
};
