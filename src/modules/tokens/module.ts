import type { Module } from "../context.ts";
import { tokensApi } from "./api.ts";
import { TOKENS_PATHS, tokensPages } from "./pages.tsx";

const OWN_TOKENS = ["read", "create", "delete"] as const;

/** Personal API tokens: every role manages its own. */
export const tokensModule: Module = {
  name: "tokens",
  permissions: { tokens: { viewer: OWN_TOKENS, analyst: OWN_TOKENS, manager: OWN_TOKENS } },
  api: [({ deps }) => tokensApi(deps)],
  pages: [{ paths: TOKENS_PATHS, router: ({ deps }) => tokensPages(deps) }],
};
