import type { RecordKind } from "../../components/record-kind.ts";

/** The names the asset views are built from. */
export const ASSET: RecordKind = { one: "asset", many: "assets", path: "/cmdb", api: "/api/v1/cmdb/assets" };
