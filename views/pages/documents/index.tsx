/** @jsxImportSource hono/jsx */

import type { RecordPerson } from "../../../src/kit/record-queries.ts";
import type { ViewContext } from "../../../src/lib/context.ts";
import type { PendingAcknowledgment } from "../../../src/modules/documents/acknowledgments.ts";
import type { DocumentQuery } from "../../../src/modules/documents/input.ts";
import type { DocumentView } from "../../../src/modules/documents/service.ts";
import { RecordList, type RecordListState } from "../../components/record-list.tsx";
import { RelativeTime } from "../../components/relative-time.tsx";
import { PublishedVersion } from "./parts.tsx";
import { DOCUMENT_TABLE } from "./table.tsx";

/** Props of the document list. */
export interface DocumentsPageProps extends RecordListState<DocumentView, DocumentQuery> {
  /** People to filter by (the owner filter). */
  people: RecordPerson[];
  /** What the viewer still has to acknowledge. */
  pending: PendingAcknowledgment[];
}

/**
 * `/documents`: the viewer's pending acknowledgments, then the list with search, category,
 * status, owner and review-due filters, sortable columns and pages, all in the URL; it
 * refreshes when anyone changes a document.
 */
export function DocumentsPage({ pending, ...list }: DocumentsPageProps) {
  const { view, filters } = list;
  return (
    <RecordList
      {...list}
      table={DOCUMENT_TABLE}
      lead={filters.deleted === "only" ? null : <PendingBox view={view} items={pending} />}
    />
  );
}

/**
 * "Pending acknowledgments": the documents the viewer still has to read and acknowledge,
 * each linking to its page (where the acknowledge button is). Nothing when there are none.
 */
function PendingBox({ view, items }: { view: ViewContext; items: PendingAcknowledgment[] }) {
  const { t } = view;
  if (items.length === 0) return null;
  return (
    <section class="panel pending-box" aria-labelledby="pending-title" data-testid="pending-acknowledgments">
      <h2 id="pending-title">{t("documents.pending.title", { count: items.length })}</h2>
      <p class="muted panel-note">{t("documents.pending.intro")}</p>
      <ul class="pending-list">
        {items.map((d) => (
          <li>
            <span class="mono">{d.documentId}</span> <a href={`/documents/${d.id}`}>{d.title}</a>{" "}
            <span class="muted">
              <PublishedVersion
                view={view}
                version={d.publishedVersion}
                at={d.publishedAt ? <RelativeTime view={view} ms={d.publishedAt} /> : null}
              />
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
