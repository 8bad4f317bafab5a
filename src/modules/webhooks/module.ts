import type { Module } from "../context.ts";

/** Loaded on the first request one of its routes matches (src/kit/module-routers.ts). */
const apiFile = (): typeof import("./api.ts") => require("./api.ts");
/** Loaded on the first request one of its routes matches (src/kit/module-routers.ts). */
const pagesFile = (): typeof import("./pages.tsx") => require("./pages.tsx");

/** Outgoing webhooks (targets, signed deliveries): part of the settings, so admins only. */
export const webhooksModule: Module = {
  name: "webhooks",
  nav: [
    {
      group: "admin",
      order: 40,
      href: "/integrations/webhooks",
      icon: "webhook",
      resource: "settings",
    },
  ],
  api: [({ deps }) => apiFile().webhooksApi(deps)],
  pages: [{ paths: ["/integrations/webhooks"], router: ({ deps }) => pagesFile().webhooksPages(deps) }],
};
