import type { RecordKind } from "../../components/record-kind.ts";

/** The names the risk views are built from. */
export const RISK: RecordKind = { one: "risk", many: "risks", path: "/risks", api: "/api/v1/risks" };
