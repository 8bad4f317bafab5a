import type { RecordKind } from "../../kit/record-kind.ts";

/** The names of the risk record kind: its API, pages, permissions, search and views. */
export const RISK = {
  one: "risk",
  many: "risks",
  path: "/risks",
  api: "/api/v1/risks",
} as const satisfies RecordKind;
