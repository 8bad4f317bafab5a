import { routerIn } from "../../kit/module.ts";
import { resourceModule } from "../../kit/resource-module.ts";
import type { Module } from "../context.ts";

/** Port scans of the network and their schedules: admins only. */
export const scansModule: Module = resourceModule("scans", {
  nav: { group: "monitor", order: 50, href: "/network/scans", icon: "radar" },
  grants: {},
  api: [
    routerIn(() => require("./api.ts"), "scansApi", ["deps", "scans"]),
    routerIn(() => require("./api.ts"), "scanSchedulesApi", ["deps", "scans"]),
  ],
  pages: routerIn(() => require("./pages.tsx"), "scansPages", ["deps", "scans"]),
  topics: ["scans"],
});
