import type { RecordKind } from "../../kit/record-kind.ts";

/** The names the alert rule kind is named by (API, pages, permissions). */
export const RULE = {
  one: "rule",
  many: "rules",
  path: "/soc/rules",
  api: "/api/v1/soc/rules",
} as const satisfies RecordKind;
