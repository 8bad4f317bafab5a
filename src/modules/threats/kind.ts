import type { RecordKind } from "../../kit/record-kind.ts";

/** Threats as a record kind is named (API, pages, permissions). */
export const THREAT_KIND = {
  one: "threat",
  many: "threats",
  path: "/threats",
  api: "/api/v1/threats",
} as const satisfies RecordKind;
