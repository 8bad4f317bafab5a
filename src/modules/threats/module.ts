import { READ, WRITE } from "../../kit/rbac.ts";
import { API_BASE } from "../../lib/api-path.ts";
import type { Module } from "../context.ts";
import { attackApi } from "./api.ts";
import { IMPORT_MAX_BYTES } from "./catalog-import.ts";
import { THREATS_PATHS, THREATS_UPLOAD_PATHS, threatsPages } from "./pages.tsx";
import { ensureAttackCatalog } from "./shipped-catalog.ts";
import { THREAT_SEARCH } from "./threat-service.ts";
import { threatsApi } from "./threats-api.ts";

/**
 * The threat catalog: MITRE ATT&CK (imported from STIX 2.1; the Enterprise subset ships
 * and is imported at first start), the organisation's own threats, the techniques alerts
 * and incidents name, and the matrix coloured by them. Importing ATT&CK is `control` on
 * threats, which only admins hold.
 */
export const threatsModule: Module = {
  name: "threats",
  nav: [
    {
      group: "govern",
      order: 20,
      icon: "crosshair",
      resource: "threats",
    },
  ],
  permissions: { threats: { viewer: READ, analyst: WRITE, manager: WRITE } },
  // The catalog's literal paths (/threats/techniques …) before the records' /threats/:id.
  api: [({ deps }) => attackApi(deps), ({ deps }) => threatsApi(deps)],
  pages: [{ paths: THREATS_PATHS, router: ({ deps }) => threatsPages(deps) }],
  topics: ["threats"],
  search: [THREAT_SEARCH],
  uploads: {
    paths: [
      `${API_BASE}/threats/attack/preview`,
      `${API_BASE}/threats/attack/apply`,
      ...THREATS_UPLOAD_PATHS,
    ],
    maxBytes: IMPORT_MAX_BYTES,
  },
  startup: ({ deps }) => ensureAttackCatalog({ db: deps.database.db, bus: deps.bus }).then(() => undefined),
};
