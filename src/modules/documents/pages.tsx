/** @jsxImportSource hono/jsx */
import type { Hono } from "hono";
import { DOCUMENT_DETAIL } from "../../../views/pages/documents/detail.tsx";
import { DOCUMENT_FORM } from "../../../views/pages/documents/form.tsx";
import { DOCUMENT_TABLE } from "../../../views/pages/documents/table.tsx";
import { DiffPage, VersionPage } from "../../../views/pages/documents/versions.tsx";
import type { AppDeps } from "../../deps.ts";
import { activePeopleFor, peopleToChoose } from "../../kit/active-user.ts";
import { recordActions } from "../../kit/record-action-routes.tsx";
import { recordForm } from "../../kit/record-form-routes.tsx";
import { recordPages } from "../../kit/record-module-pages.ts";
import { recordPost } from "../../kit/record-pages.tsx";
import { type AppEnv, actorOf } from "../../lib/context.ts";
import { NotFound } from "../../lib/errors.ts";
import { renderPage } from "../../lib/htmx.tsx";
import {
  acknowledgeDocument,
  documentAcknowledgmentStatus,
  pendingAcknowledgments,
} from "./acknowledgments.ts";
import * as input from "./input.ts";
import { DOCUMENT } from "./kind.ts";
import {
  createDocument,
  deleteDocument,
  getDocument,
  listDocuments,
  restoreDocument,
  updateDocument,
} from "./service.ts";
import { allowedMoves, changeDocumentStatus } from "./status.ts";
import { diffDocumentVersions, getDocumentVersion, listDocumentVersions } from "./versions.ts";
import { CONTENT_EDITABLE } from "./workflow.ts";

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
  return recordPages(deps, {
    kind: DOCUMENT,
    svc,
    list: {
      run: listDocuments,
      table: DOCUMENT_TABLE,
      props: async (actor) => ({
        people: await activePeopleFor(svc.db, actor, "documents"),
        pending: await pendingAcknowledgments(svc, actor),
      }),
    },
    detail: {
      get: getDocument<typeof svc>,
      page: DOCUMENT_DETAIL,
      props: async (actor, doc) => ({
        moves: allowedMoves(actor, doc.status),
        versions: await listDocumentVersions(svc, actor, doc.id),
        ack: await documentAcknowledgmentStatus(svc, actor, doc.id),
        me: actor.type === "system" ? null : actor.id,
      }),
    },
    form: recordForm({
      load: getDocument<typeof svc>,
      form: DOCUMENT_FORM,
      props: async (actor, doc) => ({
        people: await peopleToChoose(svc.db, actor, "documents", doc?.owner?.id),
      }),
      blank: (c) => ({ ownerId: actorOf(c).id ?? "" }),
      editTitle: (c, doc) => c.get("view").t("documents.editTitle", { id: doc.documentId }),
      patch: (_c, { category: _, title, content, ...rest }, doc) =>
        // Past review the form shows no title or text: leave them as they are.
        ({ ...rest, ...(CONTENT_EDITABLE.includes(doc.status) ? { title, content } : {}) }),
      create: { schema: input.newDocumentSchema, run: createDocument },
      update: { schema: input.documentPatchSchema, run: updateDocument },
    }),
    actions: recordActions({
      status: {
        schema: input.documentStatusSchema,
        change: changeDocumentStatus,
        notice: (doc) => (doc.status === "published" ? "published" : "moved"),
      },
    }),
    remove: deleteDocument,
    restore: restoreDocument,
    routes: ({ router, facts, refused }) => {
      router.post(
        "/documents/:id/acknowledge",
        recordPost(
          (c, id) => acknowledgeDocument(svc, actorOf(c), id, facts(c)),
          (id) => `/documents/${id}?notice=acknowledged`,
          refused,
        ),
      );

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
        if (newest === undefined)
          throw new NotFound("This document has no published version to compare yet.");
        // Without (valid) versions to compare: the newest against the one before it.
        const asked = input.diffQuerySchema.safeParse(c.req.query());
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
    },
  });
}
