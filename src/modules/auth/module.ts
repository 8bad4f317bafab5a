import type { Module } from "../context.ts";
import { authApi } from "./api.ts";
import { mfaAdminPages } from "./mfa-admin-pages.ts";
import { mfaApi } from "./mfa-api.ts";
import { MFA_SIGN_IN_PATHS, mfaSignInPages } from "./mfa-pages.tsx";
import { MFA_PROFILE_PATHS, mfaProfilePages } from "./mfa-profile-pages.tsx";
import { OIDC_PATHS, oidcPages } from "./oidc-pages.tsx";
import { SESSION_PATHS, sessionPages } from "./pages.tsx";
import { SETUP_PATHS, setupPages } from "./setup-pages.tsx";

/** Sign-in (password or single sign-on), sessions, the first-run setup: open to anyone, so no resource of its own. */
export const authModule: Module = {
  name: "auth",
  api: [({ deps }) => authApi(deps), ({ deps }) => mfaApi(deps)],
  pages: [
    { paths: SESSION_PATHS, router: ({ deps }) => sessionPages(deps) },
    { paths: SETUP_PATHS, router: ({ deps }) => setupPages(deps) },
    { paths: MFA_SIGN_IN_PATHS, router: ({ deps }) => mfaSignInPages(deps) },
    { paths: MFA_PROFILE_PATHS, router: ({ deps }) => mfaProfilePages(deps) },
    { paths: [], router: ({ deps }) => mfaAdminPages(deps) },
    { paths: OIDC_PATHS, router: ({ deps }) => oidcPages(deps) },
  ],
};
