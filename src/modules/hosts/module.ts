import { READ } from "../../kit/rbac.ts";
import type { Module } from "../context.ts";
import { hostsApi } from "./api.ts";
import { HOSTS_PATHS, hostsPages } from "./pages.tsx";

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
  api: [(ctx) => hostsApi(ctx)],
  pages: [{ paths: HOSTS_PATHS, router: (ctx) => hostsPages(ctx) }],
  topics: ["hosts"],
};
