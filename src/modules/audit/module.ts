import type { Module } from "../context.ts";

/** Loaded on the first request one of its routes matches (src/kit/module-routers.ts). */
const apiFile = (): typeof import("./api.ts") => require("./api.ts");
/** Loaded on the first request one of its routes matches (src/kit/module-routers.ts). */
const pagesFile = (): typeof import("./pages.tsx") => require("./pages.tsx");

/** The audit log's reader (entries are written by src/kit/audit.ts): admins only. */
export const auditModule: Module = {
  name: "audit",
  nav: [{ group: "admin", order: 20, icon: "scroll-text", resource: "audit" }],
  permissions: { audit: {} },
  api: [({ deps }) => apiFile().auditApi(deps)],
  pages: [{ paths: ["/audit"], router: ({ deps }) => pagesFile().auditPages(deps) }],
};
