import { READ } from "../../kit/rbac.ts";
import type { Module } from "../context.ts";
import { systemApi } from "./api.ts";
import { API_DOCS_PATHS, apiDocsPages } from "./api-docs-pages.tsx";
import { healthRoutes } from "./health.ts";
import { systemWsMethods } from "./ws-methods.ts";

/** Warden itself: health, status, settings (admins only) and the API reference. */
export const systemModule: Module = {
  name: "system",
  nav: [
    {
      group: "admin",
      order: 30,
      href: "/settings",
      label: "nav.settings",
      icon: "sliders-horizontal",
      resource: "settings",
    },
    {
      group: "admin",
      order: 50,
      href: "/api/docs",
      label: "nav.apiDocs",
      icon: "code-xml",
      standalone: true,
    },
  ],
  permissions: { system: { viewer: READ, analyst: READ, manager: READ }, settings: {} },
  api: [({ deps }) => systemApi(deps)],
  pages: [
    { paths: [], router: ({ deps }) => healthRoutes(deps) },
    { paths: API_DOCS_PATHS, router: () => apiDocsPages() },
  ],
  ws: ({ deps }) => systemWsMethods(deps.metrics),
};
