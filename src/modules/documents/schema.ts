import { sql } from "drizzle-orm";
import {
  index,
  integer,
  primaryKey,
  type SQLiteColumn,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";
import { users } from "../../db/schema/users.ts";
import { recordKindTable } from "../../kit/record-kind-table.ts";
import { requiredRef } from "../../kit/table-columns.ts";
import { rankOf } from "../../lib/list-query.ts";

/** Kinds of documents; each has its own numbering (see {@link CATEGORY_PREFIX}). */
export const DOCUMENT_CATEGORIES = [
  "policy",
  "procedure",
  "standard",
  "guideline",
  "plan",
  "record",
] as const;

/** A document category. */
export type DocumentCategory = (typeof DOCUMENT_CATEGORIES)[number];

/** The prefix of each category's document ids: POL-001, PRC-001 … (POL-1000 follows POL-999). */
export const CATEGORY_PREFIX: Readonly<Record<DocumentCategory, string>> = {
  policy: "POL",
  procedure: "PRC",
  standard: "STD",
  guideline: "GDL",
  plan: "PLN",
  record: "REC",
};

/** The document workflow's states, in order (see src/modules/documents/workflow.ts for the moves). */
export const DOCUMENT_STATUSES = ["draft", "in_review", "approved", "published", "archived"] as const;

/** A document state. */
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

/** What each sort key of the document list orders by: one definition for its queries and its indexes. */
export function documentOrder(
  t: Record<
    "documentId" | "title" | "category" | "status" | "nextReviewAt" | "createdAt" | "updatedAt",
    SQLiteColumn
  >,
) {
  return {
    // POL-999 before POL-1000: prefix, then the number zero-padded.
    documentId: sql`substr(${t.documentId}, 1, 4) || printf('%012d', cast(substr(${t.documentId}, 5) as integer))`,
    title: sql`${t.title} collate nocase`,
    category: rankOf(t.category, DOCUMENT_CATEGORIES),
    status: rankOf(t.status, DOCUMENT_STATUSES),
    // Documents without a review date come last when sorting by the soonest review.
    nextReviewAt: sql`coalesce(${t.nextReviewAt}, 8640000000000000)`,
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
  };
}

/**
 * Policies, procedures and other governed documents.
 *
 * Two different numbers, never to be confused:
 * - `version` is the row's edit counter for optimistic concurrency (as on incidents): it
 *   grows by one on every change, and a write naming an older one is refused (409).
 * - `published_version` is the number of the latest published text (0: never published);
 *   each publish adds one and stores the text in `document_versions`.
 *
 * `document_id` is the human reference (POL-001), drawn from `document_sequences` when the
 * document is created and never changed; so the category, which chose the prefix, is fixed
 * too. `frameworks` is a JSON array of names. `next_review_at` is Unix ms (a date is stored as
 * 00:00 UTC of that day). `deleted_at` marks a soft delete an admin can undo.
 */
export const documents = recordKindTable(
  "documents",
  { sort: documentOrder, defaultSort: "-updatedAt", filters: ["status", "category", "ownerId"] },
  {
    documentId: text("document_id").notNull(),
    title: text("title").notNull(),
    category: text("category", { enum: DOCUMENT_CATEGORIES }).notNull(),
    status: text("status", { enum: DOCUMENT_STATUSES }).notNull().default("draft"),
    ownerId: text("owner_id").references(() => users.id),
    frameworks: text("frameworks", { mode: "json" }).$type<string[]>().notNull().default([]),
    nextReviewAt: integer("next_review_at"),
    content: text("content").notNull().default(""),
    requiresAcknowledgment: integer("requires_acknowledgment", { mode: "boolean" }).notNull().default(false),
    publishedVersion: integer("published_version").notNull().default(0),
    publishedAt: integer("published_at"),
    createdBy: text("created_by").references(() => users.id),
  },
  (t) => [
    uniqueIndex("documents_document_id_idx").on(t.documentId),
    index("documents_review_idx").on(t.nextReviewAt, t.deletedAt),
  ],
);

/** A document row. */
export type Document = typeof documents.$inferSelect;

/**
 * The last number handed out per category. A create increments it with an upsert and
 * inserts the document in the same atomic batch, so numbers have no gaps and no duplicates
 * however many documents are created at once.
 */
export const documentSequences = sqliteTable("document_sequences", {
  category: text("category", { enum: DOCUMENT_CATEGORIES }).primaryKey(),
  last: integer("last").notNull(),
});

/**
 * Every published text of a document, kept for reading and diffing: `version` is the
 * published version number (1, 2, …), unique per document. Rows are never changed.
 * `document_uuid` is the document's row id (`documents.id`), named so it is not taken for
 * the human reference `documents.document_id`.
 */
export const documentVersions = sqliteTable(
  "document_versions",
  {
    id: text("id").primaryKey(),
    documentUuid: requiredRef("document_uuid", () => documents.id),
    version: integer("version").notNull(),
    title: text("title").notNull(),
    content: text("content").notNull(),
    publishedAt: integer("published_at").notNull(),
    publishedBy: text("published_by").references(() => users.id),
  },
  (t) => [uniqueIndex("document_versions_number_idx").on(t.documentUuid, t.version)],
);

/** A published version. */
export type DocumentVersion = typeof documentVersions.$inferSelect;

/**
 * Who acknowledged which published version of a document. One row per document, version
 * and user (the key makes acknowledging again a no-op). Rows are never changed.
 */
export const documentAcknowledgments = sqliteTable(
  "document_acknowledgments",
  {
    documentUuid: requiredRef("document_uuid", () => documents.id),
    version: integer("version").notNull(),
    userId: requiredRef("user_id", () => users.id),
    acknowledgedAt: integer("acknowledged_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.documentUuid, t.version, t.userId] }),
    index("document_acknowledgments_user_idx").on(t.userId, t.documentUuid),
  ],
);
