import { ne } from "drizzle-orm";
import { resourceModule, teamGrants } from "../../kit/resource-module.ts";
import { openBySeverityGauge } from "../../kit/severity-gauge.ts";
import type { Module } from "../context.ts";
import { incidents } from "./schema.ts";
import { INCIDENT_SEARCH } from "./search.ts";

/** Incidents, their workflow, links to assets and vulnerabilities, and the alerts in them. */
export const incidentsModule: Module = resourceModule("incidents", {
  nav: { group: "respond", order: 40, icon: "flame" },
  grants: teamGrants(),
  files: { api: () => require("./api.ts"), pages: () => require("./pages.tsx") },
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
