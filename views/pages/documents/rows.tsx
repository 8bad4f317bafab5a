/** @jsxImportSource hono/jsx */
import type { ViewContext } from "../../../src/lib/context.ts";
import type { DocumentView } from "../../../src/services/documents.ts";
import { RelativeTime } from "../../components/relative-time.tsx";
import { buttonClass } from "../../components/submit-button.tsx";
import { type DocumentFilters, documentsHref } from "./filters.ts";
import { DocumentStatusText, ReviewDate } from "./parts.tsx";

/** Number of columns of the document table. */
export const DOCUMENT_COLUMNS = 7;

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
    const filtered = Boolean(
      filters.q || filters.category || filters.status || filters.owner || filters.reviewDue,
    );
    return (
      <tr>
        <td colspan={DOCUMENT_COLUMNS} class="table-empty" data-testid="documents-empty">
          {filtered ? t("documents.emptyFiltered") : t("documents.empty")}{" "}
          {filtered ? (
            <a
              href={documentsHref({
                ...filters,
                q: "",
                category: undefined,
                status: undefined,
                owner: undefined,
                reviewDue: undefined,
              })}
            >
              {t("documents.clearFilters")}
            </a>
          ) : null}
        </td>
      </tr>
    );
  }
  return (
    <>
      {items.map((d) => (
        <tr id={`document-${d.id}`}>
          <td class="nowrap mono">{d.documentId}</td>
          <td>
            <div class="cell-title">
              {filters.deleted === "only" ? (
                <>
                  <span>{d.title}</span>
                  <form method="post" action={`/documents/${d.id}/restore`}>
                    <button
                      type="submit"
                      class={buttonClass("secondary", true)}
                      data-testid={`restore-${d.id}`}
                    >
                      {t("documents.restore")}
                    </button>
                  </form>
                </>
              ) : (
                <a href={`/documents/${d.id}`}>{d.title}</a>
              )}
            </div>
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
