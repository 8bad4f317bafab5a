import type { RecordKind } from "../../kit/record-kind.ts";

/** The names of the vendor record kind: its API, pages, permissions, search and views. */
export const VENDOR_KIND = {
  one: "vendor",
  many: "vendors",
  path: "/vendors",
  api: "/api/v1/vendors",
} as const satisfies RecordKind;
