import { resourceModule, teamGrants } from "../../kit/resource-module.ts";
import type { Module } from "../context.ts";
import { RISK_SEARCH } from "./search.ts";

/** Loaded on the first request one of its routes matches (src/kit/module-routers.ts). */
const apiFile = (): typeof import("./api.ts") => require("./api.ts");
/** Loaded on the first request one of its routes matches (src/kit/module-routers.ts). */
const pagesFile = (): typeof import("./pages.tsx") => require("./pages.tsx");

/**
 * The risk register: risks scored on the configured matrix (inherent, current, residual),
 * treated, linked to assets, vulnerabilities, incidents, threats and ATT&CK techniques, and
 * accepted only with a manager's approval (`approve` on risks), which ends on its date.
 */
export const risksModule: Module = resourceModule("risks", {
  nav: { group: "govern", order: 10, icon: "shield-alert" },
  grants: teamGrants(["approve"]),
  api: [({ deps }) => apiFile().risksApi(deps)],
  pages: ({ deps }) => pagesFile().risksPages(deps),
  topics: ["risks"],
  demo: () => (require("./demo.ts") as typeof import("./demo.ts")).risksDemo,
  search: [RISK_SEARCH],
});
