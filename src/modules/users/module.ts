import type { Module } from "../context.ts";
import { usersApi } from "./api.ts";
import { usersDemo } from "./demo.ts";
import { USERS_PATHS, usersPages } from "./pages.tsx";
import { PROFILE_PATHS, profilePages } from "./profile-pages.tsx";

/** User accounts (admins only) and each user's own profile. */
export const usersModule: Module = {
  name: "users",
  nav: [{ group: "admin", order: 10, icon: "users", resource: "users" }],
  permissions: { users: {} },
  api: [({ deps }) => usersApi(deps)],
  pages: [
    { paths: USERS_PATHS, router: ({ deps }) => usersPages(deps) },
    { paths: PROFILE_PATHS, router: ({ deps }) => profilePages(deps) },
  ],
  demo: usersDemo,
};
