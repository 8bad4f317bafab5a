import { and, gte, isNull, lt, or, type SQL, sql } from "drizzle-orm";
import { assertActiveUser } from "../../kit/active-user.ts";
import type { Actor } from "../../kit/actor.ts";
import type { RequestFacts } from "../../kit/audit.ts";
import { type Action, assertCan } from "../../kit/rbac.ts";
import {
  announceChange,
  auditChange,
  changeKindOf,
  createdChange,
  type RecordEventDeps,
} from "../../kit/record-events.ts";
import { findRow } from "../../kit/record-lookup.ts";
import {
  assigneeCondition,
  definePeopleQueries,
  personOf,
  type RecordPerson,
} from "../../kit/record-queries.ts";
import { defineRecordService } from "../../kit/record-service.ts";
import { staleVersion } from "../../kit/record-versioning.ts";
import { Conflict } from "../../lib/errors.ts";
import type { NotificationEvents } from "../notifications/events.ts";
import type { DocumentPatch, DocumentQuery, NewDocument } from "./input.ts";
import { DOCUMENT } from "./kind.ts";
import { CATEGORY_PREFIX, type Document, documentOrder, documentSequences, documents } from "./schema.ts";
import { DOCUMENT_SEARCH } from "./search.ts";
import { CONTENT_EDITABLE, isReviewDue, reviewDueBefore } from "./workflow.ts";

/** What document services need. */
export interface DocumentDeps extends RecordEventDeps {
  /** Told when a version everyone must acknowledge is published (notifications, webhooks). */
  events?: NotificationEvents;
}

/** A document as the API and pages show it. */
export type DocumentView = Omit<Document, "ownerId" | "createdBy"> & {
  owner: RecordPerson | null;
  createdBy: RecordPerson | null;
  /** The review date is today (UTC) or past. */
  reviewDue: boolean;
};

/** The condition of the `reviewDue` filter: the review date is before the end of today (UTC), or not. */
function reviewDueCondition(reviewDue: DocumentQuery["reviewDue"]): SQL | undefined {
  const dueBefore = reviewDueBefore();
  if (reviewDue === "true") return lt(documents.nextReviewAt, dueBefore);
  if (reviewDue === "false")
    return or(isNull(documents.nextReviewAt), gte(documents.nextReviewAt, dueBefore));
  return undefined;
}

/** Documents as the record kit reads them; status sorts by its place in the workflow, category by its place in the list. */
export const documentQueries = definePeopleQueries({
  table: documents,
  kind: DOCUMENT,
  people: { owner: documents.ownerId, creator: documents.createdBy },
  sort: documentOrder(documents),
  toViews: (_deps, rows) => {
    const now = Date.now();
    return rows.map(({ document, ownerName, creatorName }): DocumentView => {
      const { ownerId, createdBy, ...rest } = document;
      return {
        ...rest,
        owner: personOf(ownerId, ownerName),
        createdBy: personOf(createdBy, creatorName),
        reviewDue: isReviewDue(document.nextReviewAt, now),
      };
    });
  },
  text: [documents.documentId, documents.title, documents.content, documents.frameworks],
  equal: { category: documents.category, status: documents.status },
  filters: (query: DocumentQuery) =>
    and(assigneeCondition(documents.ownerId, query.owner), reviewDueCondition(query.reviewDue)),
});

/**
 * A page of documents, filtered and sorted, and one document (every role that reads documents);
 * a document by row id, as shown (404 when unknown or, unless asked for, deleted).
 */
export const { list: listDocuments, get: getDocument, findView: findDocumentView } = documentQueries;

/** The stored row of document `id` for `actor` to `action`: 403 when they may not, 404 when there is none (or it is deleted). */
export function documentFor(deps: DocumentDeps, actor: Actor, action: Action, id: string): Promise<Document> {
  assertCan(actor, action, "documents");
  return findRow(deps.db, documents, "document", id);
}

/** Documents in the audit trail and on the bus. */
export const DOCUMENT_CHANGES = changeKindOf(DOCUMENT, DOCUMENT_SEARCH);

/** The 409 for a write made against an older row version. */
export const stale = (row: { version: number }, sent: number) => staleVersion("document", row.version, sent);

/**
 * Creates a document (analysts and up) with the next id of its category, audited.
 *
 * The counter upsert (`INSERT … ON CONFLICT DO UPDATE SET last = last + 1 RETURNING last`),
 * the insert that takes that number and the audit entry run in ONE write transaction, so
 * concurrent creations get consecutive numbers with no gap and no duplicate, and a failed
 * step leaves neither the document nor a used number behind.
 */
export async function createDocument(
  deps: DocumentDeps,
  actor: Actor,
  input: NewDocument,
  request?: RequestFacts,
): Promise<DocumentView> {
  assertCan(actor, "create", "documents");
  const ownerId = input.ownerId === undefined ? actor.id : input.ownerId;
  await assertActiveUser(deps.db, ownerId, "ownerId");
  const now = Date.now();
  const id = Bun.randomUUIDv7();
  const created = await deps.db.transaction(async (tx) => {
    const [sequence] = await tx
      .insert(documentSequences)
      .values({ category: input.category, last: 1 })
      .onConflictDoUpdate({
        target: documentSequences.category,
        set: { last: sql`${documentSequences.last} + 1` },
      })
      .returning({ last: documentSequences.last });
    if (!sequence) throw new Error("The document number upsert returned no row.");
    const documentId = `${CATEGORY_PREFIX[input.category]}-${String(sequence.last).padStart(3, "0")}`;
    await tx.insert(documents).values({
      id,
      documentId,
      ...input,
      ownerId,
      createdBy: actor.id,
      createdAt: now,
      updatedAt: now,
    });
    const values = { documentId, title: input.title, category: input.category, ownerId };
    const change = createdChange(DOCUMENT_CHANGES, actor, id, values, request);
    await auditChange(tx, DOCUMENT_CHANGES, change);
    return change;
  });
  announceChange(deps.bus, DOCUMENT_CHANGES, created);
  return findDocumentView(deps, id);
}

/** Documents' edit, delete and restore, from the record kit. */
const documentService = defineRecordService(documents, DOCUMENT_CHANGES, findDocumentView, {
  person: "ownerId",
  longText: "content",
});

const CONTENT_FIELDS = new Set(["title", "content"]);

/**
 * Edits a document (analysts and up) against the row version read; audited. Title and
 * content only while it is a draft or in review; nothing while it is archived (409).
 */
export function updateDocument(
  deps: DocumentDeps,
  actor: Actor,
  id: string,
  patch: DocumentPatch,
  request?: RequestFacts,
): Promise<DocumentView> {
  return documentService.update(deps, actor, id, patch, request, {
    check(before, changes) {
      if (before.status === "archived")
        throw new Conflict("An archived document cannot be edited. Move it back to draft first.");
      if (
        Object.keys(changes).some((k) => CONTENT_FIELDS.has(k)) &&
        !CONTENT_EDITABLE.includes(before.status)
      )
        throw new Conflict(
          `Title and text can only change while the document is a draft or in review (it is ${before.status}). Start a revision first.`,
        );
    },
  });
}

/** Soft-deletes a document (admins; it stays restorable), and restores it. */
export const { remove: deleteDocument, restore: restoreDocument } = documentService;
