import type { Module } from "../context.ts";

/** Loaded on the first request one of its routes matches (src/kit/module-routers.ts). */
const apiFile = (): typeof import("./api.ts") => require("./api.ts");
/** Loaded on the first request one of its routes matches (src/kit/module-routers.ts). */
const pagesFile = (): typeof import("./pages.tsx") => require("./pages.tsx");

/** The host's live metrics and their history (reading them needs `read` on `system`). */
export const dashboardModule: Module = {
  name: "dashboard",
  nav: [{ group: "monitor", order: 10, href: "/", icon: "gauge", resource: "system" }],
  api: [({ deps }) => apiFile().metricsApi(deps)],
  pages: [{ paths: ["/"], router: ({ deps }) => pagesFile().dashboardPages(deps) }],
  topics: ["metrics"],
};
