import { READ } from "../../kit/rbac.ts";
import { resourceModule } from "../../kit/resource-module.ts";
import type { Module } from "../context.ts";

/** Loaded on the first request one of its routes matches (src/kit/module-routers.ts). */
const apiFile = (): typeof import("./api.ts") => require("./api.ts");
/** Loaded on the first request one of its routes matches (src/kit/module-routers.ts). */
const pagesFile = (): typeof import("./pages.tsx") => require("./pages.tsx");

/** Alert rules on the host's metrics, processes and sockets (evaluated by src/monitor/rule-engine.ts). */
export const rulesModule: Module = resourceModule("rules", {
  nav: { group: "respond", order: 20, href: "/soc/rules", icon: "triangle-alert" },
  grants: { viewer: READ, analyst: READ, manager: ["read", "create", "update", "delete"] },
  api: [({ deps, ruleEngine }) => apiFile().rulesApi(deps, ruleEngine)],
  // Mounted before the SOC module: /soc/rules/… must not be read as the alert /soc/:id.
  pages: ({ deps, ruleEngine }) => pagesFile().rulesPages(deps, ruleEngine),
});
