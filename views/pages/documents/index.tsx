/** @jsxImportSource hono/jsx */
import { DOCUMENT_CATEGORIES, DOCUMENT_STATUSES } from "../../../src/db/schema/documents.ts";
import type { ViewContext } from "../../../src/lib/context.ts";
import type { FieldErrors } from "../../../src/lib/errors.ts";
import { type Page, parseSortKeys } from "../../../src/lib/list-query.ts";
import type { PendingAcknowledgment } from "../../../src/services/document-acknowledgments.ts";
import type { DocumentView, Person } from "../../../src/services/documents.ts";
import { DataTable } from "../../components/data-table.tsx";
import { SelectField, TextField } from "../../components/form-field.tsx";
import { type LiveRowsSource, liveBody } from "../../components/live-rows.tsx";
import { Message } from "../../components/message.tsx";
import { Pagination } from "../../components/pagination.tsx";
import { buttonClass, SubmitButton } from "../../components/submit-button.tsx";
import { type DocumentFilters, documentQueryString, documentsHref } from "./filters.ts";
import { PendingBox } from "./pending.tsx";
import { DocumentRows } from "./rows.tsx";

const LIVE: LiveRowsSource = { rows: "/documents/rows", form: "#document-filters", body: "document-rows" };

/** The events that change the list (an acknowledgment does not). */
const LIVE_EVENTS = "document.created document.updated document.published document.deleted";

/** Props of the document list. */
export interface DocumentsPageProps {
  view: ViewContext;
  filters: DocumentFilters;
  errors: FieldErrors;
  page: Page<DocumentView>;
  people: Person[];
  /** What the viewer still has to acknowledge. */
  pending: PendingAcknowledgment[];
  canCreate: boolean;
  /** Admins see deleted documents on request and restore them. */
  canRestore: boolean;
  notice: string | null;
}

const COLUMNS = [
  ["documentId", "id", false],
  ["title", "title", false],
  ["category", "category", true],
  ["status", "status", false],
  [null, "owner", true],
  ["nextReviewAt", "review", false],
  ["updatedAt", "updated", true],
] as const;

/**
 * `/documents`: the viewer's pending acknowledgments, then the list with search, category,
 * status, owner and review-due filters, sortable columns and pages, all in the URL; it
 * refreshes when anyone changes a document.
 */
export function DocumentsPage({
  view,
  filters,
  errors,
  page,
  people,
  pending,
  canCreate,
  canRestore,
  notice,
}: DocumentsPageProps) {
  const { t, fmt } = view;
  const [first] = parseSortKeys<string>(filters.sort);
  const exportQuery = documentQueryString({ ...filters, page: 1 });
  const join = exportQuery ? `${exportQuery}&` : "?";
  const any = { value: "", label: t("documents.filter.any") };
  return (
    <>
      <div class="page-head">
        <div>
          <h1>{filters.deleted === "only" ? t("documents.deletedTitle") : t("documents.title")}</h1>
          <p class="page-sub num" id="document-count">
            {t("documents.count", { total: fmt.number(page.total) })}
          </p>
        </div>
        <div class="head-actions">
          <a
            class={buttonClass("secondary")}
            href={`/api/v1/documents/export${join}format=csv`}
            hx-boost="false"
            download
          >
            {t("documents.exportCsv")}
          </a>
          <a
            class={buttonClass("secondary")}
            href={`/api/v1/documents/export${join}format=json`}
            hx-boost="false"
            download
          >
            {t("documents.exportJson")}
          </a>
          {canCreate ? (
            <a class={buttonClass("primary")} href="/documents/new" data-testid="new-document">
              {t("documents.new")}
            </a>
          ) : null}
        </div>
      </div>
      {notice ? (
        <Message view={view} kind="success" testid="documents-notice">
          {notice}
        </Message>
      ) : null}
      {filters.deleted === "only" ? null : <PendingBox view={view} items={pending} />}
      <search aria-label={t("documents.filter.label")}>
        <form method="get" action="/documents" class="filter-bar" id="document-filters">
          <TextField
            name="q"
            type="search"
            label={t("documents.filter.q")}
            value={filters.q}
            error={errors.q}
            maxlength={200}
          />
          <SelectField
            name="category"
            label={t("documents.filter.category")}
            value={filters.category ?? ""}
            error={errors.category}
            options={[
              any,
              ...DOCUMENT_CATEGORIES.map((c) => ({ value: c, label: t(`documents.category.${c}`) })),
            ]}
          />
          <SelectField
            name="status"
            label={t("documents.filter.status")}
            value={filters.status ?? ""}
            error={errors.status}
            options={[
              any,
              ...DOCUMENT_STATUSES.map((s) => ({ value: s, label: t(`documents.status.${s}`) })),
            ]}
          />
          <SelectField
            name="owner"
            label={t("documents.filter.owner")}
            value={filters.owner ?? ""}
            error={errors.owner}
            options={[
              { value: "", label: t("documents.filter.anyone") },
              { value: "none", label: t("documents.noOwner") },
              ...people.map((p) => ({ value: p.id, label: p.name })),
            ]}
          />
          <SelectField
            name="reviewDue"
            label={t("documents.filter.review")}
            value={filters.reviewDue ?? ""}
            error={errors.reviewDue}
            options={[
              any,
              { value: "true", label: t("documents.filter.due") },
              { value: "false", label: t("documents.filter.notDue") },
            ]}
          />
          {filters.sort !== "-updatedAt" ? <input type="hidden" name="sort" value={filters.sort} /> : null}
          {filters.deleted === "only" ? <input type="hidden" name="deleted" value="only" /> : null}
          <div class="filter-actions">
            <SubmitButton variant="secondary">{t("processes.filter.apply")}</SubmitButton>
          </div>
        </form>
      </search>
      <div class="fits-narrow" id="document-table">
        <DataTable
          label={t("documents.title")}
          testid="documents-table"
          rowCount={1}
          empty={null}
          columns={COLUMNS.map(([key, label, optional]) => ({
            label: t(`documents.col.${label}`),
            className: optional ? "col-opt" : undefined,
            sort: key
              ? {
                  href: documentsHref(filters, {
                    sort: first?.key === key && !first.descending ? `-${key}` : key,
                    page: 1,
                  }),
                  state: first?.key === key ? (first.descending ? "descending" : "ascending") : "none",
                }
              : undefined,
          }))}
          body={{
            ...liveBody(LIVE),
            "hx-trigger": `${liveBody(LIVE)["hx-trigger"]}, documents-changed from:body`,
          }}
        >
          <DocumentRows view={view} items={page.items} filters={filters} />
        </DataTable>
      </div>
      <span hidden data-live-topic="documents" data-live-events={LIVE_EVENTS} />
      {page.total > page.pageSize ? (
        <Pagination
          view={view}
          page={page.page}
          pageSize={page.pageSize}
          total={page.total}
          hrefFor={(n) => documentsHref(filters, { page: n })}
        />
      ) : null}
      {canRestore ? (
        <p class="muted">
          {filters.deleted === "only" ? (
            <a href="/documents">{t("documents.showCurrent")}</a>
          ) : (
            <a href="/documents?deleted=only">{t("documents.showDeleted")}</a>
          )}
        </p>
      ) : null}
    </>
  );
}
