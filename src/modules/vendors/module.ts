import { resourceModule, teamGrants } from "../../kit/resource-module.ts";
import type { Module } from "../context.ts";
import { VENDOR_SEARCH } from "./search.ts";

/** Loaded on the first request one of its routes matches (src/kit/module-routers.ts). */
const apiFile = (): typeof import("./api.ts") => require("./api.ts");
/** Loaded on the first request one of its routes matches (src/kit/module-routers.ts). */
const pagesFile = (): typeof import("./pages.tsx") => require("./pages.tsx");

/** The vendor register: the third parties the organisation depends on, what they reach and where each stands. */
export const vendorsModule: Module = resourceModule("vendors", {
  nav: { group: "govern", order: 40, icon: "handshake" },
  grants: teamGrants(),
  api: [({ deps }) => apiFile().vendorsApi(deps)],
  pages: ({ deps }) => pagesFile().vendorsPages(deps),
  topics: ["vendors"],
  search: [VENDOR_SEARCH],
});
