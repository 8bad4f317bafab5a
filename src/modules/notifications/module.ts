import { everyRole, resourceModule } from "../../kit/resource-module.ts";
import type { Module } from "../context.ts";

const OWN_INBOX = ["read", "update"] as const;

/** Each user's notifications and preferences, and the delivery outbox (e-mail, webhooks). */
export const notificationsModule: Module = resourceModule("notifications", {
  nav: { group: "respond", order: 50, icon: "inbox" },
  grants: everyRole(OWN_INBOX),
  files: { api: () => require("./api.ts"), pages: () => require("./pages.tsx") },
  topics: ["notifications"],
});
