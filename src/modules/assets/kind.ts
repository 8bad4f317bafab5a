import type { RecordKind } from "../../kit/record-kind.ts";

/** The names of the asset record kind: its API, pages, permissions, search and views. */
export const ASSET = {
  one: "asset",
  many: "assets",
  path: "/cmdb",
  api: "/api/v1/cmdb/assets",
} as const satisfies RecordKind;
