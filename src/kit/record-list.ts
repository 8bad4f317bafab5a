import { and, count, inArray, type Placeholder, type SQL, sql } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import { z } from "zod";
import type { Db } from "../db/client.ts";
import { Validation } from "../lib/errors.ts";
import {
  listQuerySchema,
  type OrderTerm,
  orderTermsOf,
  type Page,
  parseSortKeys,
  reversedTerms,
  type SortExpression,
} from "../lib/list-query.ts";
import { afterCursor, decodeCursor, encodeCursor } from "./keyset.ts";
import { type Preparable, PreparedReads } from "./prepared-reads.ts";

/**
 * One page of a record list: a `Page` plus the cursors of the pages after it (`nextCursor`,
 * null at the end) and before it (`previousCursor`, the cursor of its first row; null on the
 * first page).
 */
export interface RecordPage<T> extends Page<T> {
  nextCursor: string | null;
  previousCursor: string | null;
}

/** What a record list is read from: its table, its id column and what each sort key orders by. */
export interface RecordListSource<K extends string> {
  table: SQLiteTable;
  id: SQLiteColumn;
  columns: Record<K, SortExpression>;
}

/** Which page of a record list is asked for (as `recordListQuerySchema` parses it). */
export interface RecordPageRequest {
  page: number;
  pageSize: number;
  sort: string;
  cursor?: string | undefined;
  before?: string | undefined;
}

/**
 * The query of a record list: `listQuerySchema`'s (`page`, `pageSize`, `sort`, `q`, the
 * module's filters) plus `cursor`, the opaque `nextCursor` of the previous page, or
 * `before`, the `previousCursor` of the next page.
 */
export function recordListQuerySchema<K extends string, F extends z.ZodRawShape>(
  sortable: readonly K[],
  defaultSort: string,
  filters: F,
) {
  return listQuerySchema(sortable, defaultSort, filters).extend({
    cursor: z
      .string()
      .max(1024)
      .optional()
      .describe("The `nextCursor` of the previous page: reads the page after it (stable under inserts)"),
    before: z
      .string()
      .max(1024)
      .optional()
      .describe("The `previousCursor` of the next page: reads the page before it (stable under inserts)"),
  });
}

/** A sorted select cut to a page whose size and start are placeholders: a drizzle select builder. */
export interface PageableRows<R> {
  limit(limit: Placeholder): { offset(offset: Placeholder): Preparable<R> };
}

/**
 * The statements of one record list's reads (page, total, cursors), each built once per
 * shape of its condition (see PreparedReads): one per list definition.
 */
export class RecordListReads<R> {
  readonly pages = new PreparedReads<R>();
  readonly totals = new PreparedReads<{ n: number }>();
  readonly cursors = new PreparedReads<Record<string, unknown>>();
}

/** Where a page starts: the keyset condition after its anchor cursor, whether it reads backwards, its offset. */
function startOf(
  source: RecordListSource<string>,
  request: RecordPageRequest,
  terms: OrderTerm[],
): { after: SQL | undefined; reversed: boolean; offset: number } {
  const { cursor, before, page, pageSize } = request;
  if (cursor && before) throw new Validation({ before: "Give a cursor or before, not both." });
  const field = before ? "before" : "cursor";
  const anchor = cursor ?? before;
  if (!anchor) return { after: undefined, reversed: false, offset: (page - 1) * pageSize };
  if (page !== 1) throw new Validation({ [field]: `Give ${field} or a page, not both.` });
  // Backwards: every term turned the other way, so "after" in the reverse order is "before".
  const ordered = before ? reversedTerms(terms) : terms;
  const decoded = decodeCursor(anchor, request.sort, terms.length, field);
  return { after: afterCursor(ordered, source.id, decoded), reversed: Boolean(before), offset: 0 };
}

/**
 * Reads one page of a record list: the total of rows matching `where` (through `totalOf`, so
 * a cache per filter can spare the count), then the page — after `request.cursor` by keyset
 * (a range on the sort's index, no `OFFSET`), before `request.before` by the same keyset in
 * the reverse order (the rows read then turned back), or, without either, page
 * `request.page` by offset — and the cursors of the pages after and before it.
 * `rows(where, reversed)` is the module's sorted select of the rows matching `where` (ordered
 * by `orderByOf` over the same columns), in the list's order or (`reversed`) its exact reverse.
 */
export async function readRecordPage<K extends string, R>(
  db: Db,
  source: RecordListSource<K>,
  request: RecordPageRequest,
  where: SQL | undefined,
  rows: (where: SQL | undefined, reversed: boolean) => PageableRows<R>,
  idOf: (row: R) => string,
  reads: RecordListReads<R>,
  totalOf: (read: () => Promise<number>) => Promise<number>,
): Promise<RecordPage<R>> {
  const terms = orderTermsOf(parseSortKeys<K>(request.sort), source.columns);
  const start = startOf(source, request, terms);
  const total = await totalOf(async () => {
    const [counted] = await reads.totals.all(db, "", where, (w) =>
      db.select({ n: count() }).from(source.table).where(w),
    );
    return counted?.n ?? 0;
  });
  const read = await reads.pages.all(
    db,
    `${request.sort} ${start.reversed}`,
    and(where, start.after),
    (w) => rows(w, start.reversed).limit(sql.placeholder("limit")).offset(sql.placeholder("offset")),
    { limit: request.pageSize + 1, offset: start.offset },
  );
  const more = read.length > request.pageSize;
  const items = read.slice(0, request.pageSize);
  if (start.reversed) items.reverse();
  // Read backwards, the rows past the page lie before it and the anchor's side after it.
  const anchored = Boolean(request.cursor) || request.page > 1;
  const hasNext = start.reversed ? items.length > 0 : more;
  const hasPrevious = start.reversed ? more : anchored && items.length > 0;
  const [first, last] = [items[0], items.at(-1)];
  const cursors = await cursorsOf(db, source, terms, request.sort, reads.cursors, [
    hasPrevious && first ? idOf(first) : null,
    hasNext && last ? idOf(last) : null,
  ]);
  return {
    items,
    total,
    page: request.page,
    pageSize: request.pageSize,
    previousCursor: cursors[0] ?? null,
    nextCursor: cursors[1] ?? null,
  };
}

/**
 * The cursors at rows `ids` (null for none), in one read: each row's order terms' values as
 * SQLite computes them, and its id.
 */
async function cursorsOf(
  db: Db,
  source: RecordListSource<string>,
  terms: OrderTerm[],
  sort: string,
  reads: PreparedReads<Record<string, unknown>>,
  ids: (string | null)[],
): Promise<(string | null)[]> {
  const wanted = ids.filter((id): id is string => id !== null);
  if (wanted.length === 0) return ids.map(() => null);
  const selection = Object.fromEntries(
    terms.map((t, i) => [`k${i}`, sql<string | number | null>`${t.expression}`]),
  );
  const found = await reads.all(db, sort, inArray(source.id, wanted), (where) =>
    db
      .select({ ...selection, id: source.id })
      .from(source.table)
      .where(where),
  );
  const byId = new Map(
    found.map((row: Record<string, unknown>) => {
      const id = String(row.id);
      const values = terms.map((_, i) => (row[`k${i}`] ?? null) as string | number | null);
      return [id, encodeCursor({ sort, values, id })];
    }),
  );
  return ids.map((id) => (id === null ? null : (byId.get(id) ?? null)));
}
