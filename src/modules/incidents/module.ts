import { READ, WRITE } from "../../kit/rbac.ts";
import type { Module } from "../context.ts";
import { incidentsApi } from "./api.ts";
import { incidentsDemo } from "./demo.ts";
import { INCIDENTS_PATHS, incidentsPages } from "./pages.tsx";
import { INCIDENT_SEARCH } from "./service.ts";

/** Incidents, their workflow, links to assets and vulnerabilities, and the alerts in them. */
export const incidentsModule: Module = {
  name: "incidents",
  nav: [
    {
      group: "respond",
      order: 40,
      href: "/incidents",
      label: "nav.incidents",
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
};
