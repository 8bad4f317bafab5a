import { z } from "zod";
import {
  choiceField,
  flagFilter,
  recordIdField,
  statusMoveSchema,
  titleField,
} from "../../kit/record-inputs.ts";
import { recordListQuerySchema } from "../../kit/record-list.ts";
import { versionField } from "../../kit/record-versioning.ts";
import { deletedQueryField } from "../../kit/soft-delete.ts";
import { DOCUMENT_CATEGORIES, DOCUMENT_STATUSES } from "./schema.ts";

/** The longest document text, in characters. */
export const CONTENT_MAX_LENGTH = 100_000;
/** The most frameworks one document lists, and the longest name of one. */
export const FRAMEWORKS_MAX = 20;
export const FRAMEWORK_MAX_LENGTH = 40;

const content = z
  .string()
  .max(CONTENT_MAX_LENGTH, `Use at most ${CONTENT_MAX_LENGTH.toLocaleString("en")} characters.`)
  .describe("Markdown");
const category = choiceField(DOCUMENT_CATEGORIES, "category");

/** Framework names (ISO 27001, NIST CSF …): trimmed, each once, at most 20 of at most 40 characters. */
export const frameworksSchema = z
  .array(
    z
      .string({ error: "Name each framework in text." })
      .trim()
      .min(1, "Leave no framework name empty.")
      .max(FRAMEWORK_MAX_LENGTH, `Use at most ${FRAMEWORK_MAX_LENGTH} characters per framework.`),
    { error: "Send the frameworks as a list of names." },
  )
  .max(FRAMEWORKS_MAX, `List at most ${FRAMEWORKS_MAX} frameworks.`)
  .transform((names) => [...new Set(names)])
  .describe('Names such as "ISO 27001", "NIST CSF", "SOC 2"');

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** 00:00 UTC of a `YYYY-MM-DD` day; null when it is no calendar day. */
export function dateToMs(date: string): number | null {
  const match = DATE.exec(date);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  return check.getUTCFullYear() === year && check.getUTCMonth() === month - 1 && check.getUTCDate() === day
    ? ms
    : null;
}

/** The `YYYY-MM-DD` (UTC) of an instant, as a date input shows a review date. */
export function msToDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The next review: Unix ms, or a `YYYY-MM-DD` day (stored as 00:00 UTC); null for none. */
export const reviewDateSchema = z
  .union([z.number().int().min(0).max(8_640_000_000_000), z.string()], {
    error: "Enter a date as YYYY-MM-DD or Unix ms.",
  })
  .nullable()
  .transform((value, ctx) => {
    if (typeof value !== "string") return value;
    const ms = dateToMs(value.trim());
    if (ms === null) {
      ctx.addIssue({ code: "custom", message: "Enter a date as YYYY-MM-DD." });
      return z.NEVER;
    }
    return ms;
  })
  .describe("Unix ms or YYYY-MM-DD; due when the day (UTC) is today or past; null for none");

/** A new document; the owner defaults to its author. */
export const newDocumentSchema = z.object({
  title: titleField,
  category,
  ownerId: recordIdField.nullable().optional().describe("User id of the owner; default: the author"),
  frameworks: frameworksSchema.default([]),
  nextReviewAt: reviewDateSchema.default(null),
  content: content.default(""),
  requiresAcknowledgment: z.boolean({ error: "Send true or false." }).default(false),
});

/** A new document, validated. */
export type NewDocument = z.infer<typeof newDocumentSchema>;

/**
 * Changes to a document; `version` is the row version the change was made against. The
 * category is fixed once the document has its id.
 */
export const documentPatchSchema = z.object({
  version: versionField("The row version read (or send it as If-Match); a stale one is refused with 409"),
  title: titleField.optional(),
  ownerId: recordIdField.nullable().optional(),
  frameworks: frameworksSchema.optional(),
  nextReviewAt: reviewDateSchema.optional(),
  content: content.optional(),
  requiresAcknowledgment: z.boolean({ error: "Send true or false." }).optional(),
});

/** A document patch, validated. */
export type DocumentPatch = z.infer<typeof documentPatchSchema>;

/** A move in the workflow. */
export const documentStatusSchema = statusMoveSchema(
  DOCUMENT_STATUSES,
  "The row version read; a stale one is refused with 409",
);

/** Columns the list sorts by. */
export const DOCUMENT_SORT = [
  "documentId",
  "title",
  "category",
  "status",
  "nextReviewAt",
  "createdAt",
  "updatedAt",
] as const;

/** Filters, sort and page of the document list (API, page and export). */
export const documentQuerySchema = recordListQuerySchema(DOCUMENT_SORT, "-updatedAt", {
  category: z.enum(DOCUMENT_CATEGORIES).optional(),
  status: z.enum(DOCUMENT_STATUSES).optional(),
  owner: z.string().max(64).optional().describe('A user id, or "none" for no owner'),
  reviewDue: flagFilter("true: review date today or past; false: later or none"),
  deleted: deletedQueryField("documents"),
});

/** A parsed document query. */
export type DocumentQuery = z.infer<typeof documentQuerySchema>;

/** The two published versions to compare. */
export const diffQuerySchema = z.object({
  from: z.coerce.number().int().min(1).describe("Published version number"),
  to: z.coerce.number().int().min(1).describe("Published version number"),
});
