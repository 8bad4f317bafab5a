import { inArray } from "drizzle-orm";
import { READ, WRITE } from "../../kit/rbac.ts";
import { openBySeverityGauge } from "../../kit/severity-gauge.ts";
import type { Module } from "../context.ts";
import { ALERT_SEARCH } from "./alerts.ts";
import { socAlertsApi } from "./alerts-api.ts";
import { SOC_PATHS, socPages } from "./alerts-pages.tsx";
import { alerts, OPEN_ALERT_STATUSES } from "./alerts-schema.ts";
import { CASE_SEARCH } from "./cases.ts";
import { socCasesApi } from "./cases-api.ts";
import { SOC_CASES_PATHS, socCasesPages } from "./cases-pages.tsx";
import { socDemo } from "./demo.ts";

/** The SOC: alerts (raised by rules, scans and the API) and the cases grouping them. */
export const socModule: Module = {
  name: "soc",
  nav: [
    { group: "respond", order: 10, label: "nav.alerts", icon: "bell-ring", resource: "alerts" },
    {
      group: "respond",
      order: 30,
      href: "/soc/cases",
      label: "nav.cases",
      icon: "folder-open",
      resource: "cases",
    },
  ],
  permissions: {
    alerts: { viewer: READ, analyst: WRITE, manager: WRITE },
    cases: { viewer: READ, analyst: WRITE, manager: WRITE },
  },
  api: [({ deps }) => socAlertsApi(deps), ({ deps }) => socCasesApi(deps)],
  pages: [
    // Cases first: /soc/cases/… must not be read as the alert /soc/:id.
    { paths: SOC_CASES_PATHS, router: ({ deps }) => socCasesPages(deps) },
    { paths: SOC_PATHS, router: ({ deps }) => socPages(deps) },
  ],
  topics: ["alerts", "cases"],
  demo: socDemo,
  search: [ALERT_SEARCH, CASE_SEARCH],
  gauges: [
    ({ deps }) =>
      openBySeverityGauge(
        deps.database.db,
        "warden_alerts_open",
        "Alerts open (new, acknowledged or escalated), by severity.",
        alerts,
        inArray(alerts.status, OPEN_ALERT_STATUSES),
      ),
  ],
};
