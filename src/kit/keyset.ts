import { and, or, type SQL, sql } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { Validation } from "../lib/errors.ts";
import type { OrderTerm } from "../lib/list-query.ts";

/** A value a cursor carries for one order term (what SQLite answered for it). */
export type CursorValue = string | number | null;

/** A decoded cursor: the sort it was made for, the order terms' values of the last row, and its id. */
export interface Cursor {
  sort: string;
  values: CursorValue[];
  id: string;
}

/** The opaque cursor after a row: base64url of its sort, its order terms' values and its id. */
export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.sort, cursor.values, cursor.id])).toString("base64url");
}

/**
 * The cursor `text` decodes to, checked against the list's `sort` and its number of order
 * `terms`; a malformed or tampered cursor is a 422 naming `field` (the parameter it came in).
 */
export function decodeCursor(text: string, sort: string, terms: number, field = "cursor"): Cursor {
  const tampered = {
    [field]: "This cursor is not one this list gave out (or it was made for another sort).",
  };
  let parsed: unknown;
  try {
    if (!/^[A-Za-z0-9_-]+$/.test(text)) throw new Error("not base64url");
    parsed = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
  } catch {
    throw new Validation(tampered);
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) throw new Validation(tampered);
  const [cursorSort, values, id] = parsed as unknown[];
  const valid =
    cursorSort === sort &&
    typeof id === "string" &&
    id.length > 0 &&
    id.length <= 64 &&
    Array.isArray(values) &&
    values.length === terms &&
    values.every((v) => v === null || typeof v === "string" || (typeof v === "number" && Number.isFinite(v)));
  if (!valid) throw new Validation(tampered);
  return { sort, values: values as CursorValue[], id };
}

/** True for rows after `value` on one term (SQLite sorts NULL first ascending, last descending). */
function after(term: OrderTerm, value: CursorValue): SQL {
  const e = grouped(term.expression);
  if (value === null) return term.descending ? sql`0` : sql`${e} is not null`;
  if (!term.descending) return sql`${e} > ${value}`;
  return notNull(term.expression) ? sql`${e} < ${value}` : sql`(${e} < ${value} or ${e} is null)`;
}

/** A bound the first term can take from an index (only where it cannot drop rows that come after). */
function leadingBound(term: OrderTerm, value: CursorValue): SQL | undefined {
  if (value === null) return undefined;
  if (!term.descending) return sql`${grouped(term.expression)} >= ${value}`;
  return notNull(term.expression) ? sql`${term.expression} <= ${value}` : undefined;
}

/** Whether `expression` is a column declared NOT NULL (an SQL expression may always be null). */
function notNull(expression: SQLiteColumn | SQL): boolean {
  return (expression as Partial<SQLiteColumn>).notNull === true;
}

/** An expression in parentheses, so an operator after it applies to all of it (`x is null` then `is ?`). */
function grouped(expression: SQLiteColumn | SQL): SQL {
  return sql`(${expression})`;
}

/**
 * The condition "this row comes after the cursor" for an order of `terms` then `id` (in the
 * last term's direction, as `orderByOf` orders): the lexicographic comparison spelled out
 * term by term, every value a bound parameter, plus a range on the first term an index can use.
 */
export function afterCursor(terms: OrderTerm[], id: SQLiteColumn, cursor: Cursor): SQL | undefined {
  const idDescending = terms.at(-1)?.descending ?? false;
  const all: [OrderTerm, CursorValue][] = [
    ...terms.map((t, i): [OrderTerm, CursorValue] => [t, cursor.values[i] ?? null]),
    [{ expression: id, descending: idDescending }, cursor.id],
  ];
  const branches = all.map(([term, value], i) =>
    and(...all.slice(0, i).map(([t, v]) => sql`${grouped(t.expression)} is ${v}`), after(term, value)),
  );
  const [first] = all;
  return and(first ? leadingBound(first[0], first[1]) : undefined, or(...branches));
}
