import { everyRole, resourceModule } from "../../kit/resource-module.ts";
import type { Module } from "../context.ts";

/** Loaded on the first request one of its routes matches (src/kit/module-routers.ts). */
const apiFile = (): typeof import("./api.ts") => require("./api.ts");
/** Loaded on the first request one of its routes matches (src/kit/module-routers.ts). */
const pagesFile = (): typeof import("./pages.tsx") => require("./pages.tsx");

const OWN_INBOX = ["read", "update"] as const;

/** Each user's notifications and preferences, and the delivery outbox (e-mail, webhooks). */
export const notificationsModule: Module = resourceModule("notifications", {
  nav: { group: "respond", order: 50, icon: "inbox" },
  grants: everyRole(OWN_INBOX),
  api: [({ deps }) => apiFile().notificationsApi(deps)],
  pages: ({ deps }) => pagesFile().notificationsPages(deps),
  topics: ["notifications"],
});
