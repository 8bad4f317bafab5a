import { READ } from "../../kit/rbac.ts";
import type { Module } from "../context.ts";

/** Loaded on the first request one of its routes matches (src/kit/module-routers.ts). */
const apiFile = (): typeof import("./api.ts") => require("./api.ts");
/** Loaded on the first request one of its routes matches (src/kit/module-routers.ts). */
const pagesFile = (): typeof import("./pages.tsx") => require("./pages.tsx");

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
  api: [() => apiFile().networkApi()],
  pages: [{ paths: ["/network"], router: () => pagesFile().networkPages() }],
};
