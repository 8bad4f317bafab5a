import type { RecordKind } from "../../components/record-kind.ts";

/** The names the document views are built from. */
export const DOCUMENT: RecordKind = {
  one: "document",
  many: "documents",
  path: "/documents",
  api: "/api/v1/documents",
};
