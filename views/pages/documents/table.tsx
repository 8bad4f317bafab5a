/** @jsxImportSource hono/jsx */

import type { RecordPerson } from "../../../src/kit/record-queries.ts";
import type { ViewContext } from "../../../src/lib/context.ts";
import type { PendingAcknowledgment } from "../../../src/modules/documents/acknowledgments.ts";
import { type DocumentQuery, documentQuerySchema } from "../../../src/modules/documents/input.ts";
import { DOCUMENT } from "../../../src/modules/documents/kind.ts";
import { DOCUMENT_CATEGORIES, DOCUMENT_STATUSES } from "../../../src/modules/documents/schema.ts";
import type { DocumentView } from "../../../src/modules/documents/service.ts";
import { listUrls } from "../../components/query-string.ts";
import { personColumn, timeColumn, titleColumn } from "../../components/record-columns.tsx";
import type { RecordListSpec } from "../../components/record-list.tsx";
import { RelativeTime } from "../../components/relative-time.tsx";
import { StatusText } from "../../components/state-badge.tsx";
import { PublishedVersion, ReviewDate } from "./parts.tsx";

/**
 * `/documents`: what the viewer still has to acknowledge (`pending`), then the list with search,
 * category, status, owner and review-due filters; its columns, and how a document fills each.
 */
export const DOCUMENT_TABLE: RecordListSpec<
  DocumentView,
  DocumentQuery,
  { people: RecordPerson[]; pending: PendingAcknowledgment[] }
> = {
  kind: DOCUMENT,
  // Last changed first unless sorted otherwise.
  urls: listUrls(DOCUMENT.path, documentQuerySchema),
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
  // An acknowledgment does not change the list; a publication does.
  moreEvents: ["published"],
  back: "documents.showCurrent",
  lead: ({ view, filters, pending }) =>
    filters.deleted === "only" ? null : <PendingBox view={view} items={pending} />,
  fields: ({ t, choice, person }, { people }) => [
    choice("category", DOCUMENT_CATEGORIES),
    choice("status", DOCUMENT_STATUSES),
    person("owner", people, { label: "owner", none: "documents.noOwner" }),
    choice("reviewDue", ["true", "false"], {
      label: "review",
      labels: (v) => t(v === "true" ? "documents.filter.due" : "documents.filter.notDue"),
    }),
  ],
};

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
