import { READ, WRITE } from "../../kit/rbac.ts";
import { API_BASE } from "../../lib/api-path.ts";
import type { Module } from "../context.ts";
import { vulnerabilitiesApi } from "./api.ts";
import { vulnerabilitiesDemo } from "./demo.ts";
import { IMPORT_BODY_MAX_BYTES } from "./import.ts";
import { VULNERABILITIES_PATHS, VULNERABILITY_UPLOAD_PATHS, vulnerabilitiesPages } from "./pages.tsx";
import { VULNERABILITY_SEARCH } from "./service.ts";

/** Vulnerabilities: CVSS, SLA, workflow, links to assets, and the scanner-report import. */
export const vulnerabilitiesModule: Module = {
  name: "vulnerabilities",
  nav: [
    {
      group: "manage",
      order: 10,
      icon: "bug",
      resource: "vulnerabilities",
    },
  ],
  permissions: { vulnerabilities: { viewer: READ, analyst: WRITE, manager: WRITE } },
  api: [({ deps }) => vulnerabilitiesApi(deps)],
  pages: [{ paths: VULNERABILITIES_PATHS, router: ({ deps }) => vulnerabilitiesPages(deps) }],
  topics: ["vulnerabilities"],
  uploads: {
    paths: [`${API_BASE}/vulnerabilities/import`, ...VULNERABILITY_UPLOAD_PATHS],
    maxBytes: IMPORT_BODY_MAX_BYTES,
  },
  demo: vulnerabilitiesDemo,
  search: [VULNERABILITY_SEARCH],
};
