import { resourceModule } from "../../kit/resource-module.ts";
import type { Module } from "../context.ts";

/** Loaded on the first request one of its routes matches (src/kit/module-routers.ts). */
const apiFile = (): typeof import("./api.ts") => require("./api.ts");
/** Loaded on the first request one of its routes matches (src/kit/module-routers.ts). */
const pagesFile = (): typeof import("./pages.tsx") => require("./pages.tsx");

/** Port scans of the network and their schedules: admins only. */
export const scansModule: Module = resourceModule("scans", {
  nav: { group: "monitor", order: 50, href: "/network/scans", icon: "radar" },
  grants: {},
  api: [
    ({ deps, scans }) => apiFile().scansApi(deps, scans),
    ({ deps, scans }) => apiFile().scanSchedulesApi(deps, scans),
  ],
  pages: ({ deps, scans }) => pagesFile().scansPages(deps, scans),
  topics: ["scans"],
});
