import { ne } from "drizzle-orm";
import { resourceModule, teamGrants } from "../../kit/resource-module.ts";
import { openBySeverityGauge } from "../../kit/severity-gauge.ts";
import type { Module } from "../context.ts";
import { incidents } from "./schema.ts";
import { INCIDENT_SEARCH } from "./search.ts";

/** Loaded on the first request one of its routes matches (src/kit/module-routers.ts). */
const apiFile = (): typeof import("./api.ts") => require("./api.ts");
/** Loaded on the first request one of its routes matches (src/kit/module-routers.ts). */
const pagesFile = (): typeof import("./pages.tsx") => require("./pages.tsx");

/** Incidents, their workflow, links to assets and vulnerabilities, and the alerts in them. */
export const incidentsModule: Module = resourceModule("incidents", {
  nav: { group: "respond", order: 40, icon: "flame" },
  grants: teamGrants(),
  api: [({ deps }) => apiFile().incidentsApi(deps)],
  pages: ({ deps }) => pagesFile().incidentsPages(deps),
  topics: ["incidents"],
  demo: () => (require("./demo.ts") as typeof import("./demo.ts")).incidentsDemo,
  search: [INCIDENT_SEARCH],
  gauges: [
    ({ deps }) =>
      openBySeverityGauge(
        deps.database.db,
        "warden_incidents_open",
        "Incidents not closed, by severity.",
        incidents,
        ne(incidents.status, "closed"),
      ),
  ],
});
