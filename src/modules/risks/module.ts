import { resourceModule, teamGrants } from "../../kit/resource-module.ts";
import type { Module } from "../context.ts";
import { RISK_SEARCH } from "./search.ts";

/**
 * The risk register: risks scored on the configured matrix (inherent, current, residual),
 * treated, linked to assets, vulnerabilities, incidents, threats and ATT&CK techniques, and
 * accepted only with a manager's approval (`approve` on risks), which ends on its date.
 */
export const risksModule: Module = resourceModule("risks", {
  nav: { group: "govern", order: 10, icon: "shield-alert" },
  grants: teamGrants(["approve"]),
  files: { api: () => require("./api.ts"), pages: () => require("./pages.tsx") },
  topics: ["risks"],
  demo: () => (require("./demo.ts") as typeof import("./demo.ts")).risksDemo,
  search: [RISK_SEARCH],
});
