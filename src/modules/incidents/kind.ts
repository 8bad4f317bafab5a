import type { RecordKind } from "../../kit/record-kind.ts";

/** The names the incident kind is named by (API, pages, permissions). */
export const INCIDENT = {
  one: "incident",
  many: "incidents",
  path: "/incidents",
  api: "/api/v1/incidents",
} as const satisfies RecordKind;
