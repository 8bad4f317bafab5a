import { READ, WRITE } from "../../kit/rbac.ts";
import type { Module } from "../context.ts";
import { documentsApi } from "./api.ts";
import { documentsDemo } from "./demo.ts";
import { DOCUMENTS_PATHS, documentsPages } from "./pages.tsx";
import { DOCUMENT_SEARCH } from "./service.ts";

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
  api: [({ deps }) => documentsApi(deps)],
  pages: [{ paths: DOCUMENTS_PATHS, router: ({ deps }) => documentsPages(deps) }],
  topics: ["documents"],
  demo: documentsDemo,
  search: [DOCUMENT_SEARCH],
};
