import { routerIn } from "../../kit/module.ts";
import { READ } from "../../kit/rbac.ts";
import { resourceModule } from "../../kit/resource-module.ts";
import type { Module } from "../context.ts";

/** Alert rules on the host's metrics, processes and sockets (evaluated by src/monitor/rule-engine.ts). */
export const rulesModule: Module = resourceModule("rules", {
  nav: { group: "respond", order: 20, href: "/soc/rules", icon: "triangle-alert" },
  grants: { viewer: READ, analyst: READ, manager: ["read", "create", "update", "delete"] },
  api: [routerIn(() => require("./api.ts"), "rulesApi", ["deps", "ruleEngine"])],
  // Mounted before the SOC module: /soc/rules/… must not be read as the alert /soc/:id.
  pages: routerIn(() => require("./pages.tsx"), "rulesPages", ["deps", "ruleEngine"]),
});
