import { READ } from "../../kit/rbac.ts";
import type { Module } from "../context.ts";
import { processesApi } from "./api.ts";
import { PROCESSES_PATHS, processesPages } from "./pages.tsx";
import { processesWsMethods } from "./ws-methods.ts";

/** The host's processes; signalling one (`control`) is for admins. */
export const processesModule: Module = {
  name: "processes",
  nav: [
    {
      group: "monitor",
      order: 20,
      icon: "cpu",
      resource: "processes",
    },
  ],
  permissions: { processes: { viewer: READ, analyst: READ, manager: READ } },
  api: [({ deps }) => processesApi(deps)],
  pages: [{ paths: PROCESSES_PATHS, router: ({ deps }) => processesPages(deps) }],
  topics: ["processes"],
  ws: ({ deps }) => processesWsMethods({ db: deps.database.db, metrics: deps.metrics }),
};
