import type { Module } from "../context.ts";

/** Loaded on the first request one of its routes matches (src/kit/module-routers.ts). */
const apiFile = (): typeof import("./api.ts") => require("./api.ts");
/** Loaded on the first request one of its routes matches (src/kit/module-routers.ts). */
const pagesFile = (): typeof import("./pages.tsx") => require("./pages.tsx");
/** Loaded on the first request one of its routes matches (src/kit/module-routers.ts). */
const profilePagesFile = (): typeof import("./profile-pages.tsx") => require("./profile-pages.tsx");

/** User accounts (admins only) and each user's own profile. */
export const usersModule: Module = {
  name: "users",
  nav: [{ group: "admin", order: 10, icon: "users", resource: "users" }],
  permissions: { users: {} },
  api: [({ deps }) => apiFile().usersApi(deps)],
  pages: [
    { paths: ["/users"], router: ({ deps }) => pagesFile().usersPages(deps) },
    { paths: ["/profile"], router: ({ deps }) => profilePagesFile().profilePages(deps) },
  ],
  demo: () => (require("./demo.ts") as typeof import("./demo.ts")).usersDemo,
};
