/** @jsxImportSource hono/jsx */

import type { PendingAcknowledgment } from "../../../src/modules/documents/acknowledgments.ts";
import type { DocumentQuery } from "../../../src/modules/documents/input.ts";
import { DOCUMENT_CATEGORIES, DOCUMENT_STATUSES } from "../../../src/modules/documents/schema.ts";
import type { DocumentView, Person } from "../../../src/modules/documents/service.ts";
import { choiceFilter, personFilter } from "../../components/filter-fields.tsx";
import { RecordList, type RecordListState } from "../../components/record-list.tsx";
import { PendingBox } from "./pending.tsx";
import { DOCUMENT_TABLE } from "./table.tsx";

/** Props of the document list. */
export interface DocumentsPageProps extends RecordListState<DocumentView, DocumentQuery> {
  people: Person[];
  /** What the viewer still has to acknowledge. */
  pending: PendingAcknowledgment[];
}

/**
 * `/documents`: the viewer's pending acknowledgments, then the list with search, category,
 * status, owner and review-due filters, sortable columns and pages, all in the URL; it
 * refreshes when anyone changes a document.
 */
export function DocumentsPage({ people, pending, ...list }: DocumentsPageProps) {
  const { view, filters } = list;
  const { t } = view;
  return (
    <RecordList
      {...list}
      table={DOCUMENT_TABLE}
      // An acknowledgment does not change the list; a publication does.
      moreEvents={["published"]}
      back="documents.showCurrent"
      lead={filters.deleted === "only" ? null : <PendingBox view={view} items={pending} />}
      fields={[
        choiceFilter(view, "documents", { name: "category" }, DOCUMENT_CATEGORIES, (c) =>
          t(`documents.category.${c}`),
        ),
        choiceFilter(view, "documents", { name: "status" }, DOCUMENT_STATUSES, (s) =>
          t(`documents.status.${s}`),
        ),
        personFilter(view, "documents", { name: "owner", label: "owner", none: "documents.noOwner" }, people),
        choiceFilter(view, "documents", { name: "reviewDue", label: "review" }, ["true", "false"], (v) =>
          t(v === "true" ? "documents.filter.due" : "documents.filter.notDue"),
        ),
      ]}
    />
  );
}
