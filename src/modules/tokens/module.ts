import { routerIn } from "../../kit/module.ts";
import type { Module } from "../context.ts";

const OWN_TOKENS = ["read", "create", "delete"] as const;

/** Personal API tokens: every role manages its own. */
export const tokensModule: Module = {
  name: "tokens",
  permissions: { tokens: { viewer: OWN_TOKENS, analyst: OWN_TOKENS, manager: OWN_TOKENS } },
  api: [routerIn(() => require("./api.ts"), "tokensApi")],
  pages: [{ paths: ["/tokens"], router: routerIn(() => require("./pages.tsx"), "tokensPages") }],
};
