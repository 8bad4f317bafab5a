/** @jsxImportSource hono/jsx */
import type { Hono } from "hono";
import { DocumentPage } from "../../../views/pages/documents/detail.tsx";
import { type DocumentFilters, documentsHref } from "../../../views/pages/documents/filters.ts";
import { DocumentForm, type DocumentFormValues } from "../../../views/pages/documents/form.tsx";
import { DocumentsPage } from "../../../views/pages/documents/index.tsx";
import { DOCUMENT } from "../../../views/pages/documents/kind.ts";
import { DOCUMENT_TABLE } from "../../../views/pages/documents/table.tsx";
import { DiffPage, VersionPage } from "../../../views/pages/documents/versions.tsx";
import type { AppDeps } from "../../deps.ts";
import { formErrors, parseForm, readForm, typedValues } from "../../kit/forms.ts";
import { recordActionRoutes } from "../../kit/record-action-routes.tsx";
import { recordDetail } from "../../kit/record-detail.tsx";
import { recordFormRoutes } from "../../kit/record-form-routes.tsx";
import { recordListRoutes } from "../../kit/record-list-routes.tsx";
import { recordPagesBase, recordPost, refusedOn } from "../../kit/record-pages.tsx";
import { recordRemovalRoutes } from "../../kit/record-removal-routes.ts";
import { type AppEnv, actorOf } from "../../lib/context.ts";
import { type FieldErrors, NotFound } from "../../lib/errors.ts";
import { renderPage } from "../../lib/htmx.tsx";
import {
  acknowledgeDocument,
  documentAcknowledgmentStatus,
  pendingAcknowledgments,
} from "./acknowledgments.ts";
import {
  diffQuerySchema,
  documentPatchSchema,
  documentQuerySchema,
  documentStatusSchema,
  msToDate,
  newDocumentSchema,
} from "./input.ts";
import {
  createDocument,
  type DocumentView,
  deleteDocument,
  documentOwners,
  getDocument,
  getDocumentForEdit,
  listDocuments,
  ownersForNewDocument,
  restoreDocument,
  updateDocument,
} from "./service.ts";
import { allowedMoves, changeDocumentStatus } from "./status.ts";
import { diffDocumentVersions, getDocumentVersion, listDocumentVersions } from "./versions.ts";
import { CONTENT_EDITABLE } from "./workflow.ts";

/** Page paths this module serves (they light up in the navigation). */
export const DOCUMENTS_PATHS = ["/documents"];

const NOTICES = ["created", "saved", "deleted", "restored", "moved", "published", "acknowledged"];

/** The form's values as typed. */
function formValues(form: Record<string, string>): DocumentFormValues {
  return {
    ...typedValues(form, [
      "title",
      "category",
      "ownerId",
      "frameworks",
      "nextReviewAt",
      "content",
      "version",
    ]),
    requiresAcknowledgment: form.requiresAcknowledgment === "on" ? "on" : "",
  };
}

/** The typed values as service input (frameworks comma-separated, a blank date for none). */
function toInput(values: DocumentFormValues) {
  return {
    title: values.title,
    category: values.category || undefined,
    ownerId: values.ownerId || null,
    frameworks: values.frameworks
      .split(",")
      .map((f) => f.trim())
      .filter(Boolean),
    nextReviewAt: values.nextReviewAt.trim() || null,
    content: values.content,
    requiresAcknowledgment: values.requiresAcknowledgment === "on",
  };
}

/** Field errors for the form: a problem with one framework (`frameworks.2`) belongs to the frameworks field. */
function documentFormErrors(error: unknown): FieldErrors {
  const errors: FieldErrors = {};
  for (const [field, message] of Object.entries(formErrors(error))) {
    const key = field.startsWith("frameworks.") ? "frameworks" : field;
    errors[key] ??= message;
  }
  return errors;
}

/**
 * The document pages (read and acknowledge: every role; write: analysts and up; approve,
 * publish, archive: managers and admins; delete/restore: admins):
 * - GET  /documents                      the list (filters, sort, pages in the URL) and my pending acknowledgments
 * - GET  /documents/rows                 its rows, for a live refresh (htmx)
 * - GET  /documents/new, POST /documents create one
 * - GET  /documents/:id                  a document, its versions and acknowledgments
 * - GET  /documents/:id/edit, POST /documents/:id/edit   edit against the row version shown
 * - GET  /documents/:id/versions/:n      one published version
 * - GET  /documents/:id/diff?from=&to=   the changes between two published versions
 * - POST /documents/:id/status|acknowledge|delete|restore
 */
export function documentsPages(deps: AppDeps): Hono<AppEnv> {
  const svc = { db: deps.database.db, bus: deps.bus, events: deps.notifier };
  const { router, facts, noticeOf } = recordPagesBase(deps, "documents", NOTICES);

  recordListRoutes(router, {
    kind: DOCUMENT,
    resource: "documents",
    notice: noticeOf,
    schema: documentQuerySchema,
    href: (filters) => documentsHref(filters as DocumentFilters),
    list: (c, filters) => listDocuments(svc, actorOf(c), filters),
    table: DOCUMENT_TABLE,
    page: async (c, list) => {
      const actor = actorOf(c);
      return (
        <DocumentsPage
          {...list}
          people={await documentOwners(svc, actor)}
          pending={await pendingAcknowledgments(svc, actor)}
        />
      );
    },
  });

  const detail = recordDetail({
    resource: "documents",
    notice: noticeOf,
    load: (c, id) => getDocument(svc, actorOf(c), id),
    title: (doc) => `${doc.documentId} ${doc.title}`,
    content: async (c, doc, page) => {
      const actor = actorOf(c);
      return (
        <DocumentPage
          {...page}
          doc={doc}
          moves={allowedMoves(actor, doc.status)}
          versions={await listDocumentVersions(svc, actor, doc.id)}
          ack={await documentAcknowledgmentStatus(svc, actor, doc.id)}
          me={actor.type === "system" ? null : actor.id}
        />
      );
    },
  });

  /** A refused action shows on the document's page (409 someone was first or the move is invalid, 422 bad input). */
  const refused = refusedOn(detail);

  recordFormRoutes<DocumentFormValues, DocumentView>(router, {
    kind: DOCUMENT,
    assertCreate: (c) => ownersForNewDocument(svc, actorOf(c)),
    read: async (c) => ({ values: formValues(await readForm(c)) }),
    blank: (c) => ({ values: { ownerId: actorOf(c).id ?? "" } }),
    load: (c, id) => getDocumentForEdit(svc, actorOf(c), id),
    current: (_c, doc) => ({
      values: {
        title: doc.title,
        category: doc.category,
        ownerId: doc.owner?.id ?? "",
        frameworks: doc.frameworks.join(", "),
        nextReviewAt: doc.nextReviewAt === null ? "" : msToDate(doc.nextReviewAt),
        content: doc.content,
        requiresAcknowledgment: doc.requiresAcknowledgment ? "on" : "",
        version: String(doc.version),
      },
    }),
    editTitle: (c, doc) => c.get("view").t("documents.editTitle", { id: doc.documentId }),
    create: async (c, { values }) => {
      const parsed = await parseForm(newDocumentSchema, toInput(values));
      const doc = await createDocument(svc, actorOf(c), parsed, facts(c));
      return `/documents/${doc.id}?notice=created`;
    },
    update: async (c, doc, { values }) => {
      const { category: _, title, content, ...rest } = toInput(values);
      // Past review the form shows no title or text: leave them as they are.
      const patch = await parseForm(documentPatchSchema, {
        ...rest,
        ...(CONTENT_EDITABLE.includes(doc.status) ? { title, content } : {}),
        version: Number(values.version) || undefined,
      });
      await updateDocument(svc, actorOf(c), doc.id, patch, facts(c));
      return `/documents/${doc.id}?notice=saved`;
    },
    errorsOf: documentFormErrors,
    form: async (c, { form, record, action, cancel, conflict }) => (
      <DocumentForm
        view={c.get("view")}
        form={form}
        people={await documentOwners(svc, actorOf(c))}
        action={action}
        cancel={cancel}
        fixed={record ? { documentId: record.documentId, category: record.category } : undefined}
        contentEditable={record ? CONTENT_EDITABLE.includes(record.status) : undefined}
        conflict={conflict}
      />
    ),
  });

  router.get("/documents/:id", (c) => detail(c, c.req.param("id")));

  recordActionRoutes(router, DOCUMENT, {
    svc,
    facts,
    refused: refused,
    status: {
      schema: documentStatusSchema,
      change: changeDocumentStatus,
      notice: (doc) => (doc.status === "published" ? "published" : "moved"),
    },
  });

  router.post(
    "/documents/:id/acknowledge",
    recordPost(
      (c, id) => acknowledgeDocument(svc, actorOf(c), id, facts(c)),
      (id) => `/documents/${id}?notice=acknowledged`,
      refused,
    ),
  );

  recordRemovalRoutes(router, DOCUMENT, {
    remove: (c, id) => deleteDocument(svc, actorOf(c), id, facts(c)),
    restore: (c, id) => restoreDocument(svc, actorOf(c), id, facts(c)),
  });

  router.get("/documents/:id/versions/:n", async (c) => {
    const id = c.req.param("id");
    const n = Number(c.req.param("n"));
    if (!Number.isInteger(n) || n < 1)
      throw new NotFound(`This document has no published version ${c.req.param("n")}.`);
    const actor = actorOf(c);
    const version = await getDocumentVersion(svc, actor, id, n);
    return renderPage(c, {
      title: c.get("view").t("documents.versions.pageTitle", { n, title: version.title }),
      content: (
        <VersionPage
          view={c.get("view")}
          doc={await getDocument(svc, actor, id)}
          version={version}
          versions={await listDocumentVersions(svc, actor, id)}
        />
      ),
    });
  });

  router.get("/documents/:id/diff", async (c) => {
    const id = c.req.param("id");
    const actor = actorOf(c);
    const versions = await listDocumentVersions(svc, actor, id);
    const newest = versions[0]?.version;
    if (newest === undefined) throw new NotFound("This document has no published version to compare yet.");
    // Without (valid) versions to compare: the newest against the one before it.
    const asked = diffQuerySchema.safeParse(c.req.query());
    const { from, to } = asked.success ? asked.data : { from: Math.max(1, newest - 1), to: newest };
    const diff = await diffDocumentVersions(svc, actor, id, from, to);
    return renderPage(c, {
      title: c.get("view").t("documents.diff.title", { from, to }),
      content: (
        <DiffPage
          view={c.get("view")}
          doc={await getDocument(svc, actor, id)}
          diff={diff}
          versions={versions}
        />
      ),
    });
  });

  return router;
}
