import type { Module } from "../context.ts";
import { webhooksApi } from "./api.ts";
import { WEBHOOKS_PATHS, webhooksPages } from "./pages.tsx";

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
  api: [({ deps }) => webhooksApi(deps)],
  pages: [{ paths: WEBHOOKS_PATHS, router: ({ deps }) => webhooksPages(deps) }],
};
