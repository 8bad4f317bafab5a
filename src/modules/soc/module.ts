import { inArray } from "drizzle-orm";
import { READ, WRITE } from "../../kit/rbac.ts";
import { openBySeverityGauge } from "../../kit/severity-gauge.ts";
import type { Module } from "../context.ts";
import { alerts, OPEN_ALERT_STATUSES } from "./alerts-schema.ts";
import { ALERT_SEARCH, CASE_SEARCH } from "./search.ts";

/** Loaded on the first request one of its routes matches (src/kit/module-routers.ts). */
const alertsApiFile = (): typeof import("./alerts-api.ts") => require("./alerts-api.ts");
/** Loaded on the first request one of its routes matches (src/kit/module-routers.ts). */
const alertsPagesFile = (): typeof import("./alerts-pages.tsx") => require("./alerts-pages.tsx");
/** Loaded on the first request one of its routes matches (src/kit/module-routers.ts). */
const casesApiFile = (): typeof import("./cases-api.ts") => require("./cases-api.ts");
/** Loaded on the first request one of its routes matches (src/kit/module-routers.ts). */
const casesPagesFile = (): typeof import("./cases-pages.tsx") => require("./cases-pages.tsx");

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
  api: [({ deps }) => alertsApiFile().socAlertsApi(deps), ({ deps }) => casesApiFile().socCasesApi(deps)],
  pages: [
    // Cases first: /soc/cases/… must not be read as the alert /soc/:id.
    { paths: ["/soc/cases"], router: ({ deps }) => casesPagesFile().socCasesPages(deps) },
    { paths: ["/soc"], router: ({ deps }) => alertsPagesFile().socPages(deps) },
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
