import { routerIn } from "../../kit/module.ts";
import { READ } from "../../kit/rbac.ts";
import { everyRole, resourceModule } from "../../kit/resource-module.ts";
import type { Module } from "../context.ts";

/** The host's sockets and connections. */
export const networkModule: Module = resourceModule("network", {
  nav: { group: "monitor", order: 40, icon: "network" },
  grants: everyRole(READ),
  api: [routerIn(() => require("./api.ts"), "networkApi", [])],
  pages: routerIn(() => require("./pages.tsx"), "networkPages", []),
});
