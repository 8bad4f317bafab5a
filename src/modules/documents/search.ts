import { recordSearch } from "../../kit/record-search.ts";
import { DOCUMENT } from "./kind.ts";
import { documents } from "./schema.ts";

/** What of documents the search index holds — title; document id, current content and frameworks. */
export const DOCUMENT_SEARCH = recordSearch(DOCUMENT, documents, {
  title: documents.title,
  body: [documents.documentId, documents.content, documents.frameworks],
});
