import { inArray } from "drizzle-orm";
import { routerIn } from "../../kit/module.ts";
import { teamGrants } from "../../kit/resource-module.ts";
import { openBySeverityGauge } from "../../kit/severity-gauge.ts";
import type { Module } from "../context.ts";
import { alerts, OPEN_ALERT_STATUSES } from "./alerts-schema.ts";
import { ALERT_SEARCH, CASE_SEARCH } from "./search.ts";

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
  permissions: { alerts: teamGrants(), cases: teamGrants() },
  api: [
    routerIn(() => require("./alerts-api.ts"), "socAlertsApi"),
    routerIn(() => require("./cases-api.ts"), "socCasesApi"),
  ],
  pages: [
    // Cases first: /soc/cases/… must not be read as the alert /soc/:id.
    { paths: ["/soc/cases"], router: routerIn(() => require("./cases-pages.tsx"), "socCasesPages") },
    { paths: ["/soc"], router: routerIn(() => require("./alerts-pages.tsx"), "socPages") },
  ],
  topics: ["alerts", "cases"],
  demo: () => (require("./demo.ts") as typeof import("./demo.ts")).socDemo,
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
