import { READ, WRITE } from "../../kit/rbac.ts";
import type { Module } from "../context.ts";
import { vendorsApi } from "./api.ts";
import { VENDORS_PATHS, vendorsPages } from "./pages.tsx";
import { VENDOR_SEARCH } from "./service.ts";

/** The vendor register: the third parties the organisation depends on, what they reach and where each stands. */
export const vendorsModule: Module = {
  name: "vendors",
  nav: [{ group: "govern", order: 40, icon: "handshake", resource: "vendors" }],
  permissions: { vendors: { viewer: READ, analyst: WRITE, manager: WRITE } },
  api: [({ deps }) => vendorsApi(deps)],
  pages: [{ paths: VENDORS_PATHS, router: ({ deps }) => vendorsPages(deps) }],
  topics: ["vendors"],
  search: [VENDOR_SEARCH],
};
