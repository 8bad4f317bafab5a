import { routerIn } from "../../kit/module.ts";
import type { Module } from "../context.ts";

/** The host's live metrics and their history (reading them needs `read` on `system`). */
export const dashboardModule: Module = {
  name: "dashboard",
  nav: [{ group: "monitor", order: 10, href: "/", icon: "gauge", resource: "system" }],
  api: [routerIn(() => require("./api.ts"), "metricsApi")],
  pages: [{ paths: ["/"], router: routerIn(() => require("./pages.tsx"), "dashboardPages") }],
  topics: ["metrics"],
};
