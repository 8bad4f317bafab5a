import type { Module } from "../context.ts";
import { notificationsApi } from "./api.ts";
import { NOTIFICATIONS_PATHS, notificationsPages } from "./pages.tsx";

const OWN_INBOX = ["read", "update"] as const;

/** Each user's notifications and preferences, and the delivery outbox (e-mail, webhooks). */
export const notificationsModule: Module = {
  name: "notifications",
  nav: [
    {
      group: "respond",
      order: 50,
      icon: "inbox",
      resource: "notifications",
    },
  ],
  permissions: { notifications: { viewer: OWN_INBOX, analyst: OWN_INBOX, manager: OWN_INBOX } },
  api: [({ deps }) => notificationsApi(deps)],
  pages: [{ paths: NOTIFICATIONS_PATHS, router: ({ deps }) => notificationsPages(deps) }],
  topics: ["notifications"],
};
