import type { RecordKind } from "../../components/record-kind.ts";

/** The names the incident views are built from. */
export const INCIDENT: RecordKind = {
  one: "incident",
  many: "incidents",
  path: "/incidents",
  api: "/api/v1/incidents",
};
