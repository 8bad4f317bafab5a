import type { RecordKind } from "../../kit/record-kind.ts";

/** The names the asset kind is named by (API, pages, permissions). */
export const ASSET = {
  one: "asset",
  many: "assets",
  path: "/cmdb",
  api: "/api/v1/cmdb/assets",
} as const satisfies RecordKind;
