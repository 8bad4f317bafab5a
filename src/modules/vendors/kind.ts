import type { RecordKind } from "../../kit/record-kind.ts";

/** Vendors as a record kind is named (API, pages, permissions). */
export const VENDOR_KIND = {
  one: "vendor",
  many: "vendors",
  path: "/vendors",
  api: "/api/v1/vendors",
} as const satisfies RecordKind;
