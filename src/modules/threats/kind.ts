import type { RecordKind } from "../../kit/record-kind.ts";

/** The names of the threat record kind: its API, pages, permissions, search and views. */
export const THREAT_KIND = {
  one: "threat",
  many: "threats",
  path: "/threats",
  api: "/api/v1/threats",
} as const satisfies RecordKind;
