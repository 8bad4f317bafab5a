import { routerIn } from "../../kit/module.ts";
import type { Module } from "../context.ts";

/** Sign-in (password or single sign-on), sessions, the first-run setup: open to anyone, so no resource of its own. */
export const authModule: Module = {
  name: "auth",
  api: [routerIn(() => require("./api.ts"), "authApi")],
  pages: [
    { paths: ["/login", "/logout"], router: routerIn(() => require("./pages.tsx"), "sessionPages") },
    { paths: ["/setup"], router: routerIn(() => require("./setup-pages.tsx"), "setupPages") },
    {
      paths: ["/login/mfa", "/login/enrol"],
      router: routerIn(() => require("./mfa-pages.tsx"), "mfaSignInPages"),
    },
    {
      paths: ["/profile/security"],
      router: routerIn(() => require("./mfa-profile-pages.tsx"), "mfaProfilePages"),
    },
    {
      paths: ["/auth/oidc/:provider/start", "/auth/oidc/:provider/callback"],
      router: routerIn(() => require("./oidc-pages.tsx"), "oidcPages"),
    },
  ],
};
