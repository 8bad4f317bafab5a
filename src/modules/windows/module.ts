import { READ } from "../../kit/rbac.ts";
import type { Module } from "../context.ts";
import { windowsApi } from "./api.ts";
import { WINDOWS_PATHS, windowsPages } from "./pages.tsx";
import { windowsWsMethods } from "./ws-methods.ts";

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
  api: [({ deps }) => windowsApi(deps)],
  pages: [{ paths: WINDOWS_PATHS, router: ({ deps }) => windowsPages(deps) }],
  ws: ({ deps }) => windowsWsMethods({ db: deps.database.db, config: deps.config }),
};
