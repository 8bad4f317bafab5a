import { READ } from "../../kit/rbac.ts";
import type { Module } from "../context.ts";
import { networkApi } from "./api.ts";
import { NETWORK_PATHS, networkPages } from "./pages.tsx";

/** The host's sockets and connections. */
export const networkModule: Module = {
  name: "network",
  nav: [
    {
      group: "monitor",
      order: 40,
      icon: "network",
      resource: "network",
    },
  ],
  permissions: { network: { viewer: READ, analyst: READ, manager: READ } },
  api: [() => networkApi()],
  pages: [{ paths: NETWORK_PATHS, router: () => networkPages() }],
};
