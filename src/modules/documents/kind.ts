import type { RecordKind } from "../../kit/record-kind.ts";

/** The names the document kind is named by (API, pages, permissions). */
export const DOCUMENT = {
  one: "document",
  many: "documents",
  path: "/documents",
  api: "/api/v1/documents",
} as const satisfies RecordKind;
