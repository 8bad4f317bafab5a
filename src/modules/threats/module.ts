import { routerIn } from "../../kit/module.ts";
import { resourceModule, teamGrants } from "../../kit/resource-module.ts";
import { API_BASE } from "../../lib/api-path.ts";
import type { Module } from "../context.ts";
import { IMPORT_MAX_BYTES } from "./import-limits.ts";
import { THREAT_SEARCH } from "./search.ts";
import { ensureAttackCatalog } from "./shipped-catalog.ts";

/**
 * The threat catalog: MITRE ATT&CK (imported from STIX 2.1; the Enterprise subset ships
 * and is imported at first start), the organisation's own threats, the techniques alerts
 * and incidents name, and the matrix coloured by them. Importing ATT&CK is `control` on
 * threats, which only admins hold.
 */
export const threatsModule: Module = resourceModule("threats", {
  nav: { group: "govern", order: 20, icon: "crosshair" },
  grants: teamGrants(),
  // The catalog's literal paths (/threats/techniques …) before the records' /threats/:id.
  api: [
    routerIn(() => require("./api.ts"), "attackApi"),
    routerIn(() => require("./threats-api.ts"), "threatsApi"),
  ],
  pages: routerIn(() => require("./pages.tsx"), "threatsPages"),
  topics: ["threats"],
  search: [THREAT_SEARCH],
  uploads: {
    paths: [`${API_BASE}/threats/attack/preview`, `${API_BASE}/threats/attack/apply`, "/threats/import"],
    maxBytes: IMPORT_MAX_BYTES,
  },
  startup: ({ deps }) => ensureAttackCatalog({ db: deps.database.db, bus: deps.bus }).then(() => undefined),
});
