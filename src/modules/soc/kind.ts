import type { RecordKind } from "../../kit/record-kind.ts";

/** The names the SOC alert kind is named by (API, pages, permissions) (the queue is `/soc`, an alert `/soc/:id`). */
export const ALERT_KIND = {
  one: "alert",
  many: "alerts",
  path: "/soc",
  api: "/api/v1/soc/alerts",
} as const satisfies RecordKind;

/** The names the case kind is named by (API, pages, permissions). */
export const CASE_KIND = {
  one: "case",
  many: "cases",
  path: "/soc/cases",
  api: "/api/v1/soc/cases",
} as const satisfies RecordKind;
