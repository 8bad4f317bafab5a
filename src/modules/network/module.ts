import { READ } from "../../kit/rbac.ts";
import { everyRole, resourceModule } from "../../kit/resource-module.ts";
import type { Module } from "../context.ts";

/** Loaded on the first request one of its routes matches (src/kit/module-routers.ts). */
const apiFile = (): typeof import("./api.ts") => require("./api.ts");
/** Loaded on the first request one of its routes matches (src/kit/module-routers.ts). */
const pagesFile = (): typeof import("./pages.tsx") => require("./pages.tsx");

/** The host's sockets and connections. */
export const networkModule: Module = resourceModule("network", {
  nav: { group: "monitor", order: 40, icon: "network" },
  grants: everyRole(READ),
  api: [() => apiFile().networkApi()],
  pages: () => pagesFile().networkPages(),
});
