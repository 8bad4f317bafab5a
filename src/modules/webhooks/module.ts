import { routerIn } from "../../kit/module.ts";
import type { Module } from "../context.ts";

/** Outgoing webhooks (targets, signed deliveries): part of the settings, so admins only. */
export const webhooksModule: Module = {
  name: "webhooks",
  nav: [{ group: "admin", order: 40, href: "/integrations/webhooks", icon: "webhook", resource: "settings" }],
  api: [routerIn(() => require("./api.ts"), "webhooksApi")],
  pages: [
    { paths: ["/integrations/webhooks"], router: routerIn(() => require("./pages.tsx"), "webhooksPages") },
  ],
};
