import { routerIn } from "../../kit/module.ts";
import { READ } from "../../kit/rbac.ts";
import type { Module } from "../context.ts";
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
  api: [routerIn(() => require("./api.ts"), "systemApi")],
  pages: [
    { paths: [], router: routerIn(() => require("./health.ts"), "healthRoutes") },
    { paths: ["/api/docs"], router: routerIn(() => require("./api-docs-pages.tsx"), "apiDocsPages", []) },
  ],
  ws: ({ deps }) => systemWsMethods(deps.metrics),
};
