import type { Module } from "../context.ts";

/** Loaded on the first request one of its routes matches (src/kit/module-routers.ts). */
const apiFile = (): typeof import("./api.ts") => require("./api.ts");
/** Loaded on the first request one of its routes matches (src/kit/module-routers.ts). */
const mfaAdminPagesFile = (): typeof import("./mfa-admin-pages.ts") => require("./mfa-admin-pages.ts");
/** Loaded on the first request one of its routes matches (src/kit/module-routers.ts). */
const mfaApiFile = (): typeof import("./mfa-api.ts") => require("./mfa-api.ts");
/** Loaded on the first request one of its routes matches (src/kit/module-routers.ts). */
const mfaPagesFile = (): typeof import("./mfa-pages.tsx") => require("./mfa-pages.tsx");
/** Loaded on the first request one of its routes matches (src/kit/module-routers.ts). */
const mfaProfilePagesFile = (): typeof import("./mfa-profile-pages.tsx") =>
  require("./mfa-profile-pages.tsx");
/** Loaded on the first request one of its routes matches (src/kit/module-routers.ts). */
const oidcPagesFile = (): typeof import("./oidc-pages.tsx") => require("./oidc-pages.tsx");
/** Loaded on the first request one of its routes matches (src/kit/module-routers.ts). */
const pagesFile = (): typeof import("./pages.tsx") => require("./pages.tsx");
/** Loaded on the first request one of its routes matches (src/kit/module-routers.ts). */
const setupPagesFile = (): typeof import("./setup-pages.tsx") => require("./setup-pages.tsx");

/** Sign-in (password or single sign-on), sessions, the first-run setup: open to anyone, so no resource of its own. */
export const authModule: Module = {
  name: "auth",
  api: [({ deps }) => apiFile().authApi(deps), ({ deps }) => mfaApiFile().mfaApi(deps)],
  pages: [
    { paths: ["/login", "/logout"], router: ({ deps }) => pagesFile().sessionPages(deps) },
    { paths: ["/setup"], router: ({ deps }) => setupPagesFile().setupPages(deps) },
    { paths: ["/login/mfa", "/login/enrol"], router: ({ deps }) => mfaPagesFile().mfaSignInPages(deps) },
    { paths: ["/profile/security"], router: ({ deps }) => mfaProfilePagesFile().mfaProfilePages(deps) },
    { paths: [], router: ({ deps }) => mfaAdminPagesFile().mfaAdminPages(deps) },
    {
      paths: ["/auth/oidc/:provider/start", "/auth/oidc/:provider/callback"],
      router: ({ deps }) => oidcPagesFile().oidcPages(deps),
    },
  ],
};
