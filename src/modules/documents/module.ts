import { resourceModule, teamGrants } from "../../kit/resource-module.ts";
import type { Module } from "../context.ts";
import { DOCUMENT_SEARCH } from "./search.ts";

/** Policies and other documents: review, approval (managers), publication, versions, acknowledgments. */
export const documentsModule: Module = resourceModule("documents", {
  nav: { group: "manage", order: 30, icon: "file-text" },
  grants: teamGrants(["approve", "publish"]),
  files: { api: () => require("./api.ts"), pages: () => require("./pages.tsx") },
  topics: ["documents"],
  demo: () => (require("./demo.ts") as typeof import("./demo.ts")).documentsDemo,
  search: [DOCUMENT_SEARCH],
});
