import type { RecordKind } from "../../components/record-kind.ts";

/** The names the alert rule views are built from. */
export const RULE: RecordKind = {
  one: "rule",
  many: "rules",
  path: "/soc/rules",
  api: "/api/v1/soc/rules",
};
