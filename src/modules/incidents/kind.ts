import type { RecordKind } from "../../kit/record-kind.ts";

/** The names of the incident record kind: its API, pages, permissions, search and views. */
export const INCIDENT = {
  one: "incident",
  many: "incidents",
  path: "/incidents",
  api: "/api/v1/incidents",
} as const satisfies RecordKind;
