import { READ } from "../../kit/rbac.ts";
import type { Module } from "../context.ts";
import { windowsWsMethods } from "./ws-methods.ts";

/** Loaded on the first request one of its routes matches (src/kit/module-routers.ts). */
const apiFile = (): typeof import("./api.ts") => require("./api.ts");
/** Loaded on the first request one of its routes matches (src/kit/module-routers.ts). */
const pagesFile = (): typeof import("./pages.tsx") => require("./pages.tsx");

/** The desktop's windows; acting on one (`control`) is for admins. */
export const windowsModule: Module = {
  name: "windows",
  nav: [
    {
      group: "monitor",
      order: 30,
      icon: "app-window",
      resource: "windows",
    },
  ],
  permissions: { windows: { viewer: READ, analyst: READ, manager: READ } },
  api: [({ deps }) => apiFile().windowsApi(deps)],
  pages: [{ paths: ["/windows"], router: ({ deps }) => pagesFile().windowsPages(deps) }],
  ws: ({ deps }) => windowsWsMethods({ db: deps.database.db, config: deps.config }),
};
