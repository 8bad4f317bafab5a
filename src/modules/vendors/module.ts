import { resourceModule, teamGrants } from "../../kit/resource-module.ts";
import type { Module } from "../context.ts";
import { VENDOR_SEARCH } from "./search.ts";

/** The vendor register: the third parties the organisation depends on, what they reach and where each stands. */
export const vendorsModule: Module = resourceModule("vendors", {
  nav: { group: "govern", order: 40, icon: "handshake" },
  grants: teamGrants(),
  files: { api: () => require("./api.ts"), pages: () => require("./pages.tsx") },
  topics: ["vendors"],
  search: [VENDOR_SEARCH],
});
