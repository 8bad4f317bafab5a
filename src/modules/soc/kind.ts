import type { RecordKind } from "../../kit/record-kind.ts";

/** The names of the SOC alert record kind: its API, pages, permissions, search and views (the queue is `/soc`, an alert `/soc/:id`). */
export const ALERT_KIND = {
  one: "alert",
  many: "alerts",
  path: "/soc",
  api: "/api/v1/soc/alerts",
} as const satisfies RecordKind;

/** The names of the case record kind: its API, pages, permissions, search and views. */
export const CASE_KIND = {
  one: "case",
  many: "cases",
  path: "/soc/cases",
  api: "/api/v1/soc/cases",
} as const satisfies RecordKind;
