import { READ, WRITE } from "../../kit/rbac.ts";
import type { Module } from "../context.ts";
import { risksApi } from "./api.ts";
import { risksDemo } from "./demo.ts";
import { RISKS_PATHS, risksPages } from "./pages.tsx";
import { RISK_SEARCH } from "./risk-service.ts";

/**
 * The risk register: risks scored on the configured matrix (inherent, current, residual),
 * treated, linked to assets, vulnerabilities, incidents, threats and ATT&CK techniques, and
 * accepted only with a manager's approval (`approve` on risks), which ends on its date.
 */
export const risksModule: Module = {
  name: "risks",
  nav: [
    {
      group: "govern",
      order: 10,
      icon: "shield-alert",
      resource: "risks",
    },
  ],
  permissions: { risks: { viewer: READ, analyst: WRITE, manager: [...WRITE, "approve"] } },
  api: [({ deps }) => risksApi(deps)],
  pages: [{ paths: RISKS_PATHS, router: ({ deps }) => risksPages(deps) }],
  topics: ["risks"],
  demo: risksDemo,
  search: [RISK_SEARCH],
};
