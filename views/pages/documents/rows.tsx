/** @jsxImportSource hono/jsx */
import type { ViewContext } from "../../../src/lib/context.ts";
import type { DocumentView } from "../../../src/modules/documents/service.ts";
import { EmptyRow } from "../../components/empty-row.tsx";
import { RelativeTime } from "../../components/relative-time.tsx";
import { RestorableTitle } from "../../components/restorable-title.tsx";
import { type DocumentFilters, documentUrls } from "./filters.ts";
import { DOCUMENT } from "./kind.ts";
import { DocumentStatusText, ReviewDate } from "./parts.tsx";

/** Number of columns of the document table. */
const DOCUMENT_COLUMNS = 7;

/** The document table's rows (also the body of each live refresh). */
export function DocumentRows({
  view,
  items,
  filters,
}: {
  view: ViewContext;
  items: DocumentView[];
  filters: DocumentFilters;
}) {
  const { t } = view;
  if (items.length === 0) {
    return (
      <EmptyRow
        view={view}
        kind={DOCUMENT}
        columns={DOCUMENT_COLUMNS}
        filtered={documentUrls.filtered(filters)}
        clearHref={documentUrls.cleared(filters)}
      />
    );
  }
  return (
    <>
      {items.map((d) => (
        <tr id={`document-${d.id}`}>
          <td class="nowrap mono">{d.documentId}</td>
          <td>
            <RestorableTitle
              view={view}
              kind={DOCUMENT}
              id={d.id}
              title={d.title}
              deleted={filters.deleted === "only"}
            />
            {d.frameworks.length > 0 ? <div class="cell-sub">{d.frameworks.join(" · ")}</div> : null}
          </td>
          <td class="nowrap col-opt">{t(`documents.category.${d.category}`)}</td>
          <td class="nowrap">
            <DocumentStatusText view={view} status={d.status} />
            {d.publishedVersion > 0 ? (
              <div class="cell-sub">{t("documents.versionShort", { n: d.publishedVersion })}</div>
            ) : null}
          </td>
          <td class="nowrap col-opt">
            {d.owner ? d.owner.name : <span class="muted">{t("documents.noOwner")}</span>}
          </td>
          <td class="nowrap">
            <ReviewDate view={view} at={d.nextReviewAt} due={d.reviewDue} />
          </td>
          <td class="nowrap col-opt">
            <RelativeTime view={view} ms={d.updatedAt} />
          </td>
        </tr>
      ))}
    </>
  );
}
