import type { Module } from "../context.ts";

/** Loaded on the first request one of its routes matches (src/kit/module-routers.ts). */
const apiFile = (): typeof import("./api.ts") => require("./api.ts");
/** Loaded on the first request one of its routes matches (src/kit/module-routers.ts). */
const pagesFile = (): typeof import("./pages.tsx") => require("./pages.tsx");

const OWN_TOKENS = ["read", "create", "delete"] as const;

/** Personal API tokens: every role manages its own. */
export const tokensModule: Module = {
  name: "tokens",
  permissions: { tokens: { viewer: OWN_TOKENS, analyst: OWN_TOKENS, manager: OWN_TOKENS } },
  api: [({ deps }) => apiFile().tokensApi(deps)],
  pages: [{ paths: ["/tokens"], router: ({ deps }) => pagesFile().tokensPages(deps) }],
};
