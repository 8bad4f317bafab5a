import { ne } from "drizzle-orm";
import { READ, WRITE } from "../../kit/rbac.ts";
import { openBySeverityGauge } from "../../kit/severity-gauge.ts";
import type { Module } from "../context.ts";
import { incidentsApi } from "./api.ts";
import { incidentsDemo } from "./demo.ts";
import { INCIDENTS_PATHS, incidentsPages } from "./pages.tsx";
import { incidents } from "./schema.ts";
import { INCIDENT_SEARCH } from "./service.ts";

/** Incidents, their workflow, links to assets and vulnerabilities, and the alerts in them. */
export const incidentsModule: Module = {
  name: "incidents",
  nav: [
    {
      group: "respond",
      order: 40,
      icon: "flame",
      resource: "incidents",
    },
  ],
  permissions: { incidents: { viewer: READ, analyst: WRITE, manager: WRITE } },
  api: [({ deps }) => incidentsApi(deps)],
  pages: [{ paths: INCIDENTS_PATHS, router: ({ deps }) => incidentsPages(deps) }],
  topics: ["incidents"],
  demo: incidentsDemo,
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
};
