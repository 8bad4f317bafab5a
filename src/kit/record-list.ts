import { and, count, eq, type SQL, sql } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import { z } from "zod";
import type { Db } from "../db/client.ts";
import { Validation } from "../lib/errors.ts";
import type { Pageable } from "../lib/list-page.ts";
import {
  listQuerySchema,
  type OrderTerm,
  orderTermsOf,
  type Page,
  parseSortKeys,
  type SortExpression,
} from "../lib/list-query.ts";
import { afterCursor, decodeCursor, encodeCursor } from "./keyset.ts";

/** One page of a record list: a `Page` plus the cursor of the page after it (null at the end). */
export interface RecordPage<T> extends Page<T> {
  nextCursor: string | null;
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
}

/**
 * The query of a record list: `listQuerySchema`'s (`page`, `pageSize`, `sort`, `q`, the
 * module's filters) plus `cursor`, the opaque `nextCursor` of the previous page.
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
  });
}

/** How a list's total is had: `read()` counts the matching rows (a cache may answer instead). */
export type TotalOf = (read: () => Promise<number>) => Promise<number>;

/**
 * Reads one page of a record list: the total of rows matching `where` (through `totalOf`, so
 * a cache per filter can spare the count), then the page —
 * after `request.cursor` by keyset (a range on the sort's index, no `OFFSET`) or, without
 * one, page `request.page` by offset as before — and the cursor of the page after it.
 * `rows(where)` is the module's sorted select (ordered by `orderByOf` over the same columns).
 */
export async function readRecordPage<K extends string, R>(
  db: Db,
  source: RecordListSource<K>,
  request: RecordPageRequest,
  where: SQL | undefined,
  rows: (where: SQL | undefined) => Pageable<R>,
  idOf: (row: R) => string,
  totalOf: TotalOf = (read) => read(),
): Promise<RecordPage<R>> {
  const terms = orderTermsOf(parseSortKeys<K>(request.sort), source.columns);
  let offset = (request.page - 1) * request.pageSize;
  let condition = where;
  if (request.cursor) {
    if (request.page !== 1) throw new Validation({ cursor: "Give a cursor or a page, not both." });
    const cursor = decodeCursor(request.cursor, request.sort, terms.length);
    condition = and(where, afterCursor(terms, source.id, cursor));
    offset = 0;
  }
  const total = await totalOf(async () => {
    const [counted] = await db.select({ n: count() }).from(source.table).where(where);
    return counted?.n ?? 0;
  });
  const read = await rows(condition)
    .limit(request.pageSize + 1)
    .offset(offset);
  const items = read.slice(0, request.pageSize);
  const last = items.at(-1);
  const nextCursor =
    read.length > request.pageSize && last
      ? await cursorAfter(db, source, terms, request.sort, idOf(last))
      : null;
  return { items, total, page: request.page, pageSize: request.pageSize, nextCursor };
}

/** The cursor after row `id`: its order terms' values as SQLite computes them, and its id. */
async function cursorAfter(
  db: Db,
  source: RecordListSource<string>,
  terms: OrderTerm[],
  sort: string,
  id: string,
): Promise<string> {
  const selection = Object.fromEntries(
    terms.map((t, i) => [`k${i}`, sql<string | number | null>`${t.expression}`]),
  );
  const [row] = await db.select(selection).from(source.table).where(eq(source.id, id)).limit(1);
  const values = terms.map((_, i) => (row?.[`k${i}`] ?? null) as string | number | null);
  return encodeCursor({ sort, values, id });
}
