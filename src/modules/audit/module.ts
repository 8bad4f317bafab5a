import type { Module } from "../context.ts";
import { auditApi } from "./api.ts";
import { AUDIT_PATHS, auditPages } from "./pages.tsx";

/** The audit log's reader (entries are written by src/kit/audit.ts): admins only. */
export const auditModule: Module = {
  name: "audit",
  nav: [{ group: "admin", order: 20, icon: "scroll-text", resource: "audit" }],
  permissions: { audit: {} },
  api: [({ deps }) => auditApi(deps)],
  pages: [{ paths: AUDIT_PATHS, router: ({ deps }) => auditPages(deps) }],
};
