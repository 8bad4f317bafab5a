import { and, asc, eq, inArray, isNull, type SQL, sql } from "drizzle-orm";
import type { SelectedFields, SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Db } from "../db/client.ts";
import { NotFound } from "../lib/errors.ts";

/** The database as record queries read it (the database or a write transaction). */
export type RecordReader = Pick<Db, "select">;

/** A table of records with an `id`, soft-deleted through `deletedAt`. */
export type SoftDeletableTable = SQLiteTable & { id: SQLiteColumn; deletedAt: SQLiteColumn };

/** A table of records with an `id`; soft-deleted through `deletedAt` where it has one. */
export type RecordTable = SQLiteTable & { id: SQLiteColumn; deletedAt?: SQLiteColumn };

/**
 * True for the row `id` of `table`, unless it is deleted (or deleted ones are included, or
 * the table's rows are deleted for good).
 */
export function isRecord(table: RecordTable, id: string, includeDeleted = false): SQL | undefined {
  const live = includeDeleted || !table.deletedAt ? undefined : isNull(table.deletedAt);
  return and(eq(table.id, id), live);
}

/** `row`, or the 404 "No `noun` `id`." when there is none. */
export function foundOr404<R>(row: R | undefined, noun: string, id: string): R {
  if (row === undefined) throw new NotFound(`No ${noun} ${id}.`);
  return row;
}

/**
 * The stored row `id` of `table`; 404 (naming the `noun`) when there is none or it is
 * deleted (unless `includeDeleted`).
 */
export async function findRow<T extends RecordTable>(
  db: Pick<Db, "select">,
  table: T,
  noun: string,
  id: string,
  includeDeleted = false,
): Promise<T["$inferSelect"]> {
  const [row] = await db
    .select()
    .from(table)
    .where(isRecord(table, id, includeDeleted))
    .limit(1);
  return foundOr404(row, noun, id);
}

/** The most records a choice list offers (a picker on a form). */
export const CHOICES_LIMIT = 1000;

/**
 * The live (not deleted) records of `table` as a picker offers them: id and `name`
 * (a title column), by name, at most {@link CHOICES_LIMIT}. The owning module exports it.
 */
export function liveChoices(
  db: Pick<Db, "select">,
  table: SoftDeletableTable,
  name: SQLiteColumn,
): Promise<{ id: string; name: string }[]> {
  return db
    .select({ id: sql<string>`${table.id}`, name: sql<string>`${name}` })
    .from(table)
    .where(isNull(table.deletedAt))
    .orderBy(sql`${name} collate nocase`, asc(table.id))
    .limit(CHOICES_LIMIT);
}

/**
 * A picker's `choices` (at most {@link CHOICES_LIMIT}) and each of `chosen` (what the form
 * holds now) they leave out: a record beyond the limit stays choosable, so saving keeps it.
 */
export function choicesWith<C extends { id: string }>(choices: C[], chosen: readonly C[]): C[] {
  const offered = new Set(choices.map((c) => c.id));
  return [...choices, ...chosen.filter((c) => !offered.has(c.id))];
}

/**
 * The live (not deleted) records of `table` among `ids`, each as `fields` (a summary: id,
 * title …), for pages that list the records naming or linking to something. None for no ids.
 */
export async function liveSummaries<F extends SelectedFields>(
  db: Pick<Db, "select">,
  table: SoftDeletableTable,
  fields: F,
  ids: readonly string[],
) {
  if (ids.length === 0) return [];
  return db
    .select(fields)
    .from(table)
    .where(and(inArray(table.id, [...ids]), isNull(table.deletedAt)));
}
