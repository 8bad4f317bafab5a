/** @jsxImportSource hono/jsx */

import type { DocumentQuery } from "../../../src/modules/documents/input.ts";
import { DOCUMENT } from "../../../src/modules/documents/kind.ts";
import type { DocumentView } from "../../../src/modules/documents/service.ts";
import { listUrls } from "../../components/query-string.ts";
import { personColumn, timeColumn, titleColumn } from "../../components/record-columns.tsx";
import type { RecordTableSpec } from "../../components/record-table.tsx";
import { StatusText } from "../../components/state-badge.tsx";
import { ReviewDate } from "./parts.tsx";

/** The document table: its columns, and how a document fills each. */
export const DOCUMENT_TABLE: RecordTableSpec<DocumentView, DocumentQuery> = {
  kind: DOCUMENT,
  // Last changed first unless sorted otherwise.
  urls: listUrls<DocumentQuery>(
    DOCUMENT.path,
    ["q", "category", "status", "owner", "reviewDue", "deleted", "sort", "pageSize", "page"],
    "-updatedAt",
  ),
  columns: [
    { key: "documentId", label: "id", class: "nowrap mono", cell: (d) => d.documentId },
    titleColumn<DocumentView>(DOCUMENT, (d) =>
      d.frameworks.length > 0 ? <div class="cell-sub">{d.frameworks.join(" · ")}</div> : null,
    ),
    {
      key: "category",
      label: "category",
      optional: true,
      class: "nowrap",
      cell: (d, { view }) => view.t(`documents.category.${d.category}`),
    },
    {
      key: "status",
      label: "status",
      class: "nowrap",
      cell: (d, { view }) => (
        <>
          <StatusText view={view} many="documents" status={d.status} />
          {d.publishedVersion > 0 ? (
            <div class="cell-sub">{view.t("documents.versionShort", { n: d.publishedVersion })}</div>
          ) : null}
        </>
      ),
    },
    personColumn({ key: null, label: "owner", optional: true }, (d) => d.owner, "documents.noOwner"),
    {
      key: "nextReviewAt",
      label: "review",
      class: "nowrap",
      cell: (d, { view }) => <ReviewDate view={view} at={d.nextReviewAt} due={d.reviewDue} />,
    },
    timeColumn({ key: "updatedAt", label: "updated", optional: true }, (d) => d.updatedAt),
  ],
};
