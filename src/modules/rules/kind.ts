import type { RecordKind } from "../../kit/record-kind.ts";

/** The names the alert rule views are built from (rules have their own API and pages, not the record kit's). */
export const RULE = {
  one: "rule",
  many: "rules",
  path: "/soc/rules",
  api: "/api/v1/soc/rules",
} as const satisfies RecordKind;
