import { READ, WRITE } from "../../kit/rbac.ts";
import type { Module } from "../context.ts";
import { documentsDemo } from "./demo.ts";
import { DOCUMENT_SEARCH } from "./service.ts";

/** Loaded on the first request one of its routes matches (src/kit/module-routers.ts). */
const apiFile = (): typeof import("./api.ts") => require("./api.ts");
/** Loaded on the first request one of its routes matches (src/kit/module-routers.ts). */
const pagesFile = (): typeof import("./pages.tsx") => require("./pages.tsx");

/** Policies and other documents: review, approval (managers), publication, versions, acknowledgments. */
export const documentsModule: Module = {
  name: "documents",
  nav: [
    {
      group: "manage",
      order: 30,
      icon: "file-text",
      resource: "documents",
    },
  ],
  permissions: {
    documents: { viewer: READ, analyst: WRITE, manager: ["read", "create", "update", "approve", "publish"] },
  },
  api: [({ deps }) => apiFile().documentsApi(deps)],
  pages: [{ paths: ["/documents"], router: ({ deps }) => pagesFile().documentsPages(deps) }],
  topics: ["documents"],
  demo: documentsDemo,
  search: [DOCUMENT_SEARCH],
};
