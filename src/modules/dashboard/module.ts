import type { Module } from "../context.ts";
import { metricsApi } from "./api.ts";
import { DASHBOARD_PATHS, dashboardPages } from "./pages.tsx";

/** The host's live metrics and their history (reading them needs `read` on `system`). */
export const dashboardModule: Module = {
  name: "dashboard",
  nav: [{ group: "monitor", order: 10, href: "/", icon: "gauge", resource: "system" }],
  api: [({ deps }) => metricsApi(deps)],
  pages: [{ paths: DASHBOARD_PATHS, router: ({ deps }) => dashboardPages(deps) }],
  topics: ["metrics"],
};
