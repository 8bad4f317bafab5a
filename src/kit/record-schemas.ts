import { z } from "zod";
import { SEVERITIES } from "../lib/severity.ts";
import { INCIDENT_STATUSES } from "./incident-statuses.ts";

/** The path parameters of a route on one record: its row id. */
export const idParams = z.object({ id: z.string().min(1).max(64) });

/** One page of a record list as the API returns it: the items and where they stand in the whole. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}

/** One page of a keyset-paged record list: `pageOf` plus the cursors of the next and the previous page. */
export function cursorPageOf<T extends z.ZodType>(item: T) {
  return pageOf(item).extend({
    nextCursor: z
      .string()
      .nullable()
      .describe("Pass as `cursor` to read the page after this one; null on the last page"),
    previousCursor: z
      .string()
      .nullable()
      .describe("Pass as `before` to read the page before this one; null on the first page"),
  });
}

/** A person a record names (assignee, owner, creator), or nobody. */
export const personSchema = z.object({ id: z.string(), name: z.string() }).nullable();

/** The bookkeeping every versioned, soft-deleted record carries (times in Unix ms). */
export const recordStampsSchema = z.object({
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
  version: z.number().int(),
  deletedAt: z.number().int().nullable(),
});

/** A titled record kind's record: its {@link recordStampsSchema}, id, title and markdown description. */
export const titledRecordSchema = recordStampsSchema.extend({
  id: z.string(),
  title: z.string(),
  description: z.string().describe("Markdown"),
});

/** An incident a record points at (escalated alerts and cases). */
export const incidentRefSchema = z
  .object({ id: z.string(), title: z.string(), status: z.enum(INCIDENT_STATUSES) })
  .nullable();

/** A record another one names, as the API shows it: its id, title, severity and `status`. */
export function severityRefSchema<const T extends readonly [string, ...string[]]>(statuses: T) {
  return z.object({
    id: z.string(),
    title: z.string(),
    severity: z.enum(SEVERITIES),
    status: z.enum(statuses),
  });
}

/** An entry of a record's history (a note, a comment): its record (`recordKey`), when and by whom. */
export function historyEntrySchema<const K extends string>(recordKey: K) {
  const record = { [recordKey]: z.string() } as Record<K, z.ZodString>;
  return z.object({
    id: z.string(),
    ...record,
    at: z.number().int(),
    actorId: z.string().nullable(),
    actorLabel: z.string(),
  });
}

/** A history entry of one of `kinds` that may record a change from one value to another. */
export function changeEntrySchema<const K extends string, const T extends readonly [string, ...string[]]>(
  recordKey: K,
  kinds: T,
) {
  return historyEntrySchema(recordKey).extend({
    kind: z.enum(kinds),
    body: z.string(),
    fromValue: z.string().nullable(),
    toValue: z.string().nullable(),
  });
}
