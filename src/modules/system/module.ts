import { READ } from "../../kit/rbac.ts";
import type { Module } from "../context.ts";
import { systemWsMethods } from "./ws-methods.ts";

/** Loaded on the first request one of its routes matches (src/kit/module-routers.ts). */
const apiFile = (): typeof import("./api.ts") => require("./api.ts");
/** Loaded on the first request one of its routes matches (src/kit/module-routers.ts). */
const apiDocsPagesFile = (): typeof import("./api-docs-pages.tsx") => require("./api-docs-pages.tsx");
/** Loaded on the first request one of its routes matches (src/kit/module-routers.ts). */
const healthFile = (): typeof import("./health.ts") => require("./health.ts");

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
  api: [({ deps }) => apiFile().systemApi(deps)],
  pages: [
    { paths: [], router: ({ deps }) => healthFile().healthRoutes(deps) },
    { paths: ["/api/docs"], router: () => apiDocsPagesFile().apiDocsPages() },
  ],
  ws: ({ deps }) => systemWsMethods(deps.metrics),
};
