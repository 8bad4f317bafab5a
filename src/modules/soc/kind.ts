import type { RecordKind } from "../../kit/record-kind.ts";

/** The names the SOC alert kind is named by (API, pages, permissions) (the queue is `/soc`, an alert `/soc/:id`). */
export const ALERT_KIND: RecordKind = {
  one: "alert",
  many: "alerts",
  path: "/soc",
  api: "/api/v1/soc/alerts",
};

/** The names the case kind is named by (API, pages, permissions). */
export const CASE_KIND: RecordKind = {
  one: "case",
  many: "cases",
  path: "/soc/cases",
  api: "/api/v1/soc/cases",
};
