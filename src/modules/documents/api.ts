import { z } from "zod";
import type { AppDeps } from "../../deps.ts";
import { defineRecordApi, recordApi } from "../../kit/record-api.ts";
import { fieldColumns, personColumns, timeColumns } from "../../kit/record-csv.ts";
import { idParams, personSchema, recordStampsSchema } from "../../kit/record-schemas.ts";
import type { ApiRouter } from "../../lib/api-router.ts";
import type { CsvColumn } from "../../lib/csv.ts";
import {
  acknowledgeDocument,
  acknowledgmentStatusSchema,
  documentAcknowledgmentStatus,
  pendingAcknowledgments,
} from "./acknowledgments.ts";
import * as input from "./input.ts";
import { DOCUMENT } from "./kind.ts";
import { DOCUMENT_CATEGORIES, DOCUMENT_STATUSES } from "./schema.ts";
import {
  createDocument,
  type DocumentView,
  deleteDocument,
  documentQueries,
  getDocument,
  restoreDocument,
  updateDocument,
} from "./service.ts";
import { changeDocumentStatus } from "./status.ts";
import { diffDocumentVersions, getDocumentVersion, listDocumentVersions } from "./versions.ts";

/** A document as the API returns it. */
export const documentSchema = z.object({
  id: z.string().describe("Row id (UUIDv7), used in URLs"),
  documentId: z.string().describe("Human reference per category: POL-001, PRC-001, STD-001 …"),
  title: z.string(),
  category: z.enum(DOCUMENT_CATEGORIES),
  status: z.enum(DOCUMENT_STATUSES),
  owner: personSchema,
  frameworks: z.array(z.string()),
  nextReviewAt: z.number().int().nullable().describe("Unix ms (00:00 UTC of the review day)"),
  reviewDue: z.boolean().describe("The review day (UTC) is today or past"),
  content: z.string().describe("Markdown"),
  requiresAcknowledgment: z.boolean(),
  publishedVersion: z.number().int().describe("Number of the latest published version; 0: never published"),
  publishedAt: z.number().int().nullable(),
  createdBy: personSchema,
  ...recordStampsSchema.shape,
  version: recordStampsSchema.shape.version.describe(
    "Row version for optimistic concurrency (ETag); not a published version",
  ),
});

const versionSummarySchema = z.object({
  documentUuid: z.string(),
  version: z.number().int().describe("Published version number"),
  title: z.string(),
  publishedAt: z.number().int(),
  publishedBy: personSchema,
});

const versionSchema = versionSummarySchema.extend({ content: z.string().describe("Markdown") });

const diffSchema = z.object({
  from: z.number().int(),
  to: z.number().int(),
  title: z.object({ from: z.string(), to: z.string() }),
  added: z.number().int(),
  removed: z.number().int(),
  lines: z.array(
    z.object({
      kind: z.enum(["same", "removed", "added"]),
      text: z.string(),
      oldLine: z.number().int().nullable(),
      newLine: z.number().int().nullable(),
    }),
  ),
});

const acknowledgmentSchema = z.object({
  documentUuid: z.string(),
  version: z.number().int().describe("The published version acknowledged"),
  userId: z.string(),
  acknowledgedAt: z.number().int(),
});

const pendingSchema = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      documentId: z.string(),
      title: z.string(),
      category: z.enum(DOCUMENT_CATEGORIES),
      publishedVersion: z.number().int(),
      publishedAt: z.number().int().nullable(),
    }),
  ),
});

const versionParams = idParams.extend({ n: z.coerce.number().int().min(1) });

/** The columns of a document export. */
const CSV_COLUMNS: CsvColumn<DocumentView>[] = [
  ...fieldColumns<DocumentView>("documentId", "title", "category", "status"),
  ...personColumns<DocumentView>("owner"),
  { header: "frameworks", value: (d) => d.frameworks.join("; ") },
  { header: "next_review", value: (d) => (d.nextReviewAt === null ? "" : input.msToDate(d.nextReviewAt)) },
  ...fieldColumns<DocumentView>("reviewDue", "publishedVersion"),
  ...timeColumns<DocumentView>("publishedAt"),
  ...fieldColumns<DocumentView>("requiresAcknowledgment"),
  ...timeColumns<DocumentView>("updatedAt"),
  ...fieldColumns<DocumentView>("id"),
];

const WORKFLOW = `draft → in_review → approved → published → archived. Also: in_review → draft (send back), approved → draft (changes wanted), published → in_review (start a revision; the published version stays in force until the next publish), archived → draft (revive). Approving needs the approve permission, publishing and archiving the publish permission (managers and admins); the other moves need update (analysts and up). Any other move, or one against an old row version: 409. Publishing stores the title and text as the next published version.`;

/** Documents as a record kind: the standard routes of the record kit. */
const documentRecords = defineRecordApi({
  kind: DOCUMENT,
  tag: "Documents",
  schema: documentSchema,
  query: input.documentQuerySchema,
  columns: CSV_COLUMNS,
  queries: documentQueries,
  create: {
    summary: "Create a document",
    description:
      "Starts as a draft. Its documentId is the next number of its category (POL-001, PRC-001, STD-001, GDL-001, PLN-001, REC-001), without gaps or duplicates even when created concurrently; the category cannot change afterwards.",
    body: input.newDocumentSchema,
    run: createDocument,
  },
  get: { summary: "One document", ok: "The document; ETag carries its row version", run: getDocument },
  update: {
    description:
      "Send the row version you read as `version` or as `If-Match`; if the document changed since, the answer is 409 and nothing is written. Without either: 428. Title and content change only in draft or in_review; nothing changes while archived (409).",
    body: input.documentPatchSchema,
    run: updateDocument,
  },
  status: {
    description: WORKFLOW,
    body: input.documentStatusSchema,
    run: changeDocumentStatus,
    versionOptional: true,
  },
  delete: deleteDocument,
  restore: restoreDocument,
  collection: (router) =>
    router.read(
      "/acknowledgments/pending",
      {
        summary: "Documents I still have to acknowledge",
        description:
          "Published documents that ask for acknowledgment and whose current version the caller has not acknowledged, oldest publication first.",
        ok: { description: "The pending documents", schema: pendingSchema },
      },
      async (svc, actor) => ({ items: await pendingAcknowledgments(svc, actor) }),
    ),
  record: (router) =>
    router
      .read(
        "/:id/versions",
        {
          summary: "Published versions of a document",
          params: idParams,
          ok: {
            description: "Newest first, without their text",
            schema: z.object({ items: z.array(versionSummarySchema) }),
          },
        },
        async (svc, actor, { params }) => ({ items: await listDocumentVersions(svc, actor, params.id) }),
      )
      .read(
        "/:id/versions/:n",
        {
          summary: "One published version of a document",
          params: versionParams,
          ok: { description: "The version as published", schema: versionSchema },
        },
        (svc, actor, { params }) => getDocumentVersion(svc, actor, params.id, params.n),
      )
      .read(
        "/:id/diff",
        {
          summary: "Line diff between two published versions",
          params: idParams,
          query: input.diffQuerySchema,
          ok: { description: "Every line, kept, removed or added", schema: diffSchema },
        },
        (svc, actor, { params, query }) => diffDocumentVersions(svc, actor, params.id, query.from, query.to),
      )
      .act(
        "/:id/acknowledge",
        {
          summary: "Acknowledge the current published version",
          action: "read",
          description:
            "Idempotent: acknowledging again answers the first acknowledgment. 409 when the document asks for no acknowledgment, is not published yet, or is archived.",
          ok: { description: "Acknowledged", schema: acknowledgmentSchema },
          refused: { 409: { description: "Nothing to acknowledge" } },
        },
        (svc, actor, id, _body, request) => acknowledgeDocument(svc, actor, id, request),
      )
      .read(
        "/:id/acknowledgments",
        {
          summary: "Who has and who has not acknowledged a document",
          description:
            "Every active user against the current published version, and every acknowledgment made.",
          params: idParams,
          ok: { description: "The acknowledgment status", schema: acknowledgmentStatusSchema },
        },
        (svc, actor, { params }) => documentAcknowledgmentStatus(svc, actor, params.id),
      ),
});

/**
 * Documents (read and acknowledge: every role; write: analysts and up; approve, publish,
 * archive: managers and admins; delete and restore: admins):
 * - GET    /api/v1/documents                            list: page, pageSize ≤ 200, sort, q, category, status, owner, reviewDue
 * - GET    /api/v1/documents/export                     the same filters, all rows, as CSV or JSON
 * - GET    /api/v1/documents/acknowledgments/pending    what the caller still has to acknowledge
 * - POST   /api/v1/documents                            create (201 + Location); document_id from its category
 * - GET    /api/v1/documents/:id                        one (ETag = row version)
 * - PATCH  /api/v1/documents/:id                        edit against a row version (field or If-Match); stale 409, none 428
 * - POST   /api/v1/documents/:id/status                 move along the workflow; invalid move 409
 * - GET    /api/v1/documents/:id/versions               published versions, newest first
 * - GET    /api/v1/documents/:id/versions/:n            one published version with its text
 * - GET    /api/v1/documents/:id/diff?from=&to=         line diff between two published versions
 * - POST   /api/v1/documents/:id/acknowledge            acknowledge the current published version (idempotent)
 * - GET    /api/v1/documents/:id/acknowledgments        who has and who has not acknowledged it
 * - DELETE /api/v1/documents/:id                        soft delete
 * - POST   /api/v1/documents/:id/restore                undo a delete
 */
export function documentsApi(deps: AppDeps): ApiRouter {
  return recordApi(documentRecords, deps, { db: deps.database.db, bus: deps.bus, events: deps.notifier });
}
