import type { RecordKind } from "../../kit/record-kind.ts";

/** The names of the document record kind: its API, pages, permissions, search and views. */
export const DOCUMENT = {
  one: "document",
  many: "documents",
  path: "/documents",
  api: "/api/v1/documents",
} as const satisfies RecordKind;
