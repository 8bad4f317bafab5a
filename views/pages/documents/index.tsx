/** @jsxImportSource hono/jsx */

import type { ViewContext } from "../../../src/lib/context.ts";
import type { FieldErrors } from "../../../src/lib/errors.ts";
import type { Page } from "../../../src/lib/list-query.ts";
import type { PendingAcknowledgment } from "../../../src/modules/documents/acknowledgments.ts";
import { DOCUMENT_CATEGORIES, DOCUMENT_STATUSES } from "../../../src/modules/documents/schema.ts";
import type { DocumentView, Person } from "../../../src/modules/documents/service.ts";
import { FilterFields } from "../../components/filter-fields.tsx";
import { choices, namedChoices } from "../../components/form-fields.tsx";
import { RecordList } from "../../components/record-list.tsx";
import type { DocumentFilters } from "./filters.ts";
import { PendingBox } from "./pending.tsx";
import { DOCUMENT_TABLE } from "./table.tsx";

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
  const { t } = view;
  const any = { value: "", label: t("documents.filter.any") };
  return (
    <RecordList
      view={view}
      table={DOCUMENT_TABLE}
      filters={filters}
      page={page}
      liveEvents={LIVE_EVENTS}
      canCreate={canCreate}
      restore={canRestore ? { back: t("documents.showCurrent") } : undefined}
      notice={notice}
      lead={filters.deleted === "only" ? null : <PendingBox view={view} items={pending} />}
      fields={
        <FilterFields
          filters={filters}
          errors={errors}
          items={[
            { kind: "text", name: "q", type: "search", label: t("documents.filter.q"), maxlength: 200 },
            {
              kind: "select",
              name: "category",
              label: t("documents.filter.category"),
              options: choices([any], DOCUMENT_CATEGORIES, (c) => t(`documents.category.${c}`)),
            },
            {
              kind: "select",
              name: "status",
              label: t("documents.filter.status"),
              options: choices([any], DOCUMENT_STATUSES, (s) => t(`documents.status.${s}`)),
            },
            {
              kind: "select",
              name: "owner",
              label: t("documents.filter.owner"),
              options: namedChoices(
                [
                  { value: "", label: t("documents.filter.anyone") },
                  { value: "none", label: t("documents.noOwner") },
                ],
                people,
              ),
            },
            {
              kind: "select",
              name: "reviewDue",
              label: t("documents.filter.review"),
              options: [
                any,
                { value: "true", label: t("documents.filter.due") },
                { value: "false", label: t("documents.filter.notDue") },
              ],
            },
          ]}
        />
      }
    />
  );
}
