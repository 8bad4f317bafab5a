import type { Module } from "../context.ts";
import { authApi } from "./api.ts";
import { OIDC_PATHS, oidcPages } from "./oidc-pages.tsx";
import { SESSION_PATHS, sessionPages } from "./pages.tsx";
import { SETUP_PATHS, setupPages } from "./setup-pages.tsx";

/** Sign-in (password or single sign-on), sessions, the first-run setup: open to anyone, so no resource of its own. */
export const authModule: Module = {
  name: "auth",
  api: [({ deps }) => authApi(deps)],
  pages: [
    { paths: SESSION_PATHS, router: ({ deps }) => sessionPages(deps) },
    { paths: SETUP_PATHS, router: ({ deps }) => setupPages(deps) },
    { paths: OIDC_PATHS, router: ({ deps }) => oidcPages(deps) },
  ],
};
