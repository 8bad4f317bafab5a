import { READ } from "../../kit/rbac.ts";
import type { Module } from "../context.ts";
import { rulesApi } from "./api.ts";
import { RULES_PATHS, rulesPages } from "./pages.tsx";

/** Alert rules on the host's metrics, processes and sockets (evaluated by src/monitor/rule-engine.ts). */
export const rulesModule: Module = {
  name: "rules",
  nav: [
    {
      group: "respond",
      order: 20,
      href: "/soc/rules",
      icon: "triangle-alert",
      resource: "rules",
    },
  ],
  permissions: { rules: { viewer: READ, analyst: READ, manager: ["read", "create", "update", "delete"] } },
  api: [({ deps, ruleEngine }) => rulesApi(deps, ruleEngine)],
  // Mounted before the SOC module: /soc/rules/… must not be read as the alert /soc/:id.
  pages: [{ paths: RULES_PATHS, router: ({ deps, ruleEngine }) => rulesPages(deps, ruleEngine) }],
};
