import { and, asc, desc, eq, or, type SQL, sql } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { z } from "zod";

/** The largest page a list answers. */
export const MAX_PAGE_SIZE = 200;

/** The page of every list query: `page` and `pageSize` (≤ 200, 50 unless asked). */
export const pageFields = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(50),
};

/** One page of a list, as every list endpoint answers. */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** A filtered, sorted query that can be cut to one page: a Drizzle select builder. */
export interface Pageable<R> {
  limit(limit: number): { offset(offset: number): PromiseLike<R[]> };
}

/**
 * Reads the page `request` asks for: first `count` (a query counting every row the same
 * filter matches, as `select({ n: count() })`), then that page of `rows`.
 */
export async function readPage<R>(
  request: Pick<Page<R>, "page" | "pageSize">,
  count: PromiseLike<{ n: number }[]>,
  rows: Pageable<R>,
): Promise<Page<R>> {
  const [total] = await count;
  const items = await rows.limit(request.pageSize).offset((request.page - 1) * request.pageSize);
  return { items, total: total?.n ?? 0, page: request.page, pageSize: request.pageSize };
}

/** One part of what a sort key orders by; `{ ascending }` keeps its direction whatever the key's. */
export type SortPart = SQLiteColumn | SQL | { ascending: SQLiteColumn | SQL };

/** What a sort key orders by: a column, an SQL expression, or several parts (e.g. blanks last, then the value). */
export type SortExpression = SQLiteColumn | SQL | readonly SortPart[];

/** One expression of an order with its direction. */
export interface OrderTerm {
  expression: SQLiteColumn | SQL;
  descending: boolean;
}

/** A sort key and its direction. */
export interface SortKey<K extends string> {
  key: K;
  descending: boolean;
}

/**
 * The query of a list: `page`, `pageSize` (≤ 200), `sort` — comma-separated columns,
 * each with `-` for descending (`-severity,createdAt`) — and full-text `q`, plus the
 * module's own filters. One schema serves the API, the page and the export.
 */
export function listQuerySchema<K extends string, F extends z.ZodRawShape>(
  sortable: readonly K[],
  defaultSort: string,
  filters: F,
) {
  const pattern = new RegExp(`^-?(${sortable.join("|")})(,-?(${sortable.join("|")}))*$`);
  return z.object({
    ...pageFields,
    sort: z
      .string()
      .regex(pattern, `Sort by ${sortable.join(", ")} (comma-separated, "-" first for descending).`)
      .default(defaultSort)
      .describe(`Columns, each with "-" for descending: ${sortable.join(", ")}`),
    q: z.string().trim().max(200).default("").describe("Words to find in the text fields"),
    ...filters,
  });
}

/** Parses a validated sort (`-severity,createdAt`) into keys, each named once. */
export function parseSortKeys<K extends string>(sort: string): SortKey<K>[] {
  const seen = new Set<string>();
  const keys: SortKey<K>[] = [];
  for (const part of sort.split(",")) {
    const descending = part.startsWith("-");
    const key = (descending ? part.slice(1) : part) as K;
    if (seen.has(key)) continue;
    seen.add(key);
    keys.push({ key, descending });
  }
  return keys;
}

/**
 * ORDER BY terms for a sort: each key through `columns` (a key may map to an SQL
 * expression, e.g. severity by rank, or several), then `tiebreak` so pages never overlap — in
 * the direction of the last key, so an index on (…, key, tiebreak) serves the whole order.
 * `reversed` turns every term the other way (fixed-direction parts too): the exact reverse
 * order, which the same index serves walked backwards (reading the page before a cursor).
 */
export function orderByOf<K extends string>(
  sort: string,
  columns: Record<K, SortExpression>,
  tiebreak: SQLiteColumn,
  reversed = false,
): SQL[] {
  const keys = parseSortKeys<K>(sort);
  const terms = orderTermsOf(keys, columns).map((t) =>
    t.descending !== reversed ? desc(t.expression) : asc(t.expression),
  );
  return [...terms, (keys.at(-1)?.descending ?? false) !== reversed ? desc(tiebreak) : asc(tiebreak)];
}

/** `terms` each turned the other way: the reverse order (what reading backwards compares by). */
export function reversedTerms(terms: OrderTerm[]): OrderTerm[] {
  return terms.map((t) => ({ ...t, descending: !t.descending }));
}

/** The expressions `keys` order by through `columns`, each in its direction. */
export function orderTermsOf<K extends string>(
  keys: SortKey<K>[],
  columns: Record<K, SortExpression>,
): OrderTerm[] {
  return keys.flatMap(({ key, descending }) => {
    const expression = columns[key];
    const parts: readonly SortPart[] = Array.isArray(expression) ? expression : [expression as SortPart];
    return parts.map((part) =>
      typeof part === "object" && "ascending" in part
        ? { expression: part.ascending, descending: false }
        : { expression: part as SQLiteColumn | SQL, descending },
    );
  });
}

/**
 * A condition true when any of `columns` contains `q` (case-insensitive for ASCII, as
 * SQLite's LIKE is); `%` and `_` in the input match themselves.
 */
export function containsText(columns: SQLiteColumn[], q: string): SQL | undefined {
  const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return or(...columns.map((column) => sql`${column} LIKE ${pattern} ESCAPE '\\'`));
}

/**
 * An SQL expression giving each of `values` its position in the list, so an enum column
 * sorts by rank (severity, lifecycle) instead of alphabetically. The values are the code's
 * own constants (never input), written as literals so an index on the same expression
 * serves the order (SQLite matches an indexed expression only with literals, not parameters).
 */
export function rankOf(column: SQLiteColumn, values: readonly string[]): SQL {
  const cases = values.map((v, i) => `when '${v.replaceAll("'", "''")}' then ${i}`).join(" ");
  return sql`case ${column} ${sql.raw(cases)} end`;
}

/** A record kind's equality filters: the column each query field of that name must equal. */
export type EqualityFilters = Record<string, SQLiteColumn>;

/** The condition of `filters`: each column equal to the query's value of that name, where one is given. */
export function equalityCondition(filters: EqualityFilters, query: object): SQL | undefined {
  const values = query as Record<string, unknown>;
  return and(
    ...Object.entries(filters).map(([name, column]) =>
      values[name] === undefined || values[name] === "" ? undefined : eq(column, values[name]),
    ),
  );
}
