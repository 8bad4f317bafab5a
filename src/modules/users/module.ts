import { routerIn } from "../../kit/module.ts";
import type { Module } from "../context.ts";

/** User accounts (admins only) and each user's own profile. */
export const usersModule: Module = {
  name: "users",
  nav: [{ group: "admin", order: 10, icon: "users", resource: "users" }],
  permissions: { users: {} },
  api: [routerIn(() => require("./api.ts"), "usersApi")],
  pages: [
    { paths: ["/users"], router: routerIn(() => require("./pages.tsx"), "usersPages") },
    { paths: ["/profile"], router: routerIn(() => require("./profile-pages.tsx"), "profilePages") },
  ],
  demo: () => (require("./demo.ts") as typeof import("./demo.ts")).usersDemo,
};
