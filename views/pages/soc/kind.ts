import type { RecordKind } from "../../components/record-kind.ts";

/** The names the SOC alert views are built from (the queue is `/soc`, an alert `/soc/:id`). */
export const ALERT_KIND: RecordKind = {
  one: "alert",
  many: "alerts",
  path: "/soc",
  api: "/api/v1/soc/alerts",
};

/** The names the case views are built from. */
export const CASE_KIND: RecordKind = {
  one: "case",
  many: "cases",
  path: "/soc/cases",
  api: "/api/v1/soc/cases",
};
