import { resourceModule, teamGrants } from "../../kit/resource-module.ts";
import { API_BASE } from "../../lib/api-path.ts";
import type { Module } from "../context.ts";
import { IMPORT_BODY_MAX_BYTES } from "./import-limits.ts";
import { VULNERABILITY_SEARCH } from "./search.ts";

/** Vulnerabilities: CVSS, SLA, workflow, links to assets, and the scanner-report import. */
export const vulnerabilitiesModule: Module = resourceModule("vulnerabilities", {
  nav: { group: "manage", order: 10, icon: "bug" },
  grants: teamGrants(),
  files: { api: () => require("./api.ts"), pages: () => require("./pages.tsx") },
  topics: ["vulnerabilities"],
  uploads: {
    paths: [
      `${API_BASE}/vulnerabilities/import`,
      "/vulnerabilities/import",
      "/vulnerabilities/import/preview",
    ],
    maxBytes: IMPORT_BODY_MAX_BYTES,
  },
  demo: () => (require("./demo.ts") as typeof import("./demo.ts")).vulnerabilitiesDemo,
  search: [VULNERABILITY_SEARCH],
});
