import { resourceModule } from "../../kit/resource-module.ts";
import type { Module } from "../context.ts";

/** Loaded on the first request one of its routes matches (src/kit/module-routers.ts). */
const apiFile = (): typeof import("./api.ts") => require("./api.ts");
/** Loaded on the first request one of its routes matches (src/kit/module-routers.ts). */
const pagesFile = (): typeof import("./pages.tsx") => require("./pages.tsx");

/** The audit log's reader (entries are written by src/kit/audit.ts): admins only. */
export const auditModule: Module = resourceModule("audit", {
  nav: { group: "admin", order: 20, icon: "scroll-text" },
  grants: {},
  api: [({ deps }) => apiFile().auditApi(deps)],
  pages: ({ deps }) => pagesFile().auditPages(deps),
});
