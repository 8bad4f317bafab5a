import type { RecordKind } from "../../kit/record-kind.ts";

/** The names the risk kind is named by (API, pages, permissions). */
export const RISK = {
  one: "risk",
  many: "risks",
  path: "/risks",
  api: "/api/v1/risks",
} as const satisfies RecordKind;
