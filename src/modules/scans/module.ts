import type { Module } from "../context.ts";
import { scanSchedulesApi, scansApi } from "./api.ts";
import { SCANS_PATHS, scansPages } from "./pages.tsx";

/** Port scans of the network and their schedules: admins only. */
export const scansModule: Module = {
  name: "scans",
  nav: [
    {
      group: "monitor",
      order: 50,
      href: "/network/scans",
      icon: "radar",
      resource: "scans",
    },
  ],
  permissions: { scans: {} },
  api: [({ deps, scans }) => scansApi(deps, scans), ({ deps, scans }) => scanSchedulesApi(deps, scans)],
  pages: [{ paths: SCANS_PATHS, router: ({ deps, scans }) => scansPages(deps, scans) }],
  topics: ["scans"],
};
