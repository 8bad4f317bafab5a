import { resourceModule } from "../../kit/resource-module.ts";
import type { Module } from "../context.ts";

/** The audit log's reader (entries are written by src/kit/audit.ts): admins only. */
export const auditModule: Module = resourceModule("audit", {
  nav: { group: "admin", order: 20, icon: "scroll-text" },
  grants: {},
  files: { api: () => require("./api.ts"), pages: () => require("./pages.tsx") },
});
