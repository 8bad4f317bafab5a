import { and, eq, isNull, type SQL, sql } from "drizzle-orm";
import { integer, type SQLiteColumn, type SQLiteTable, sqliteTable, text } from "drizzle-orm/sqlite-core";
import type { Db } from "../db/client.ts";
import type { Resource } from "./rbac.ts";
import { searchEntries } from "./search-entries.ts";

/**
 * THE search index: an FTS5 virtual table with one row per live record of every searchable
 * kind. Created by the custom migration `0015_search_index.sql` (drizzle-kit cannot declare
 * virtual tables), so this definition is not re-exported to drizzle-kit's schema: it only
 * types the kit's reads and writes. `kind`, `record_id` and `updated` are UNINDEXED.
 */
export const searchIndex = sqliteTable("search_index", {
  /** The row's id: the `id` of its `search_entries` row. */
  rowid: integer("rowid"),
  kind: text("kind").notNull(),
  recordId: text("record_id").notNull(),
  title: text("title").notNull(),
  body: text("body").notNull(),
  updated: integer("updated").notNull(),
});

/**
 * The distinct words (tokens) of the index, in token order: the fts5vocab table
 * `search_terms` over `search_index`, made by the custom migration `0027_search_terms.sql`
 * and, like `searchIndex`, not re-exported to drizzle-kit's schema. Only `term` is read.
 */
export const searchTerms = sqliteTable("search_terms", {
  term: text("term").notNull(),
});

/**
 * What of a record kind is searchable, as its module declares it: the kind (also the RBAC
 * resource a caller must read to see its hits), its table and id, the title and the text
 * columns that make the body, when it last changed, its soft-delete column (a deleted record
 * leaves the index) and the page that shows one record (`href` + its id).
 */
export interface SearchSource {
  kind: Resource;
  table: SQLiteTable;
  id: SQLiteColumn;
  title: SQLiteColumn;
  body: readonly SQLiteColumn[];
  updatedAt: SQLiteColumn;
  deletedAt?: SQLiteColumn;
  href: string;
}

/** The database or the transaction of a change, as the index writes need it. */
export type SearchWriter = Pick<Db, "select" | "insert" | "delete">;

/** The body text of `source`: its text columns, blanks as empty, separated by spaces. */
export function bodyOf(source: SearchSource): SQL {
  return sql.join(
    source.body.map((column) => sql`coalesce(${column}, '')`),
    sql` || ' ' || `,
  );
}

/** A new entry for record `id`; a stray index row at its id (one no entry named) is removed first. */
async function newEntry(tx: SearchWriter, kind: string, id: string): Promise<number> {
  const [entry] = await tx
    .insert(searchEntries)
    .values({ kind, recordId: id })
    .returning({ id: searchEntries.id });
  if (!entry) throw new Error("search entry not written");
  await tx.delete(searchIndex).where(eq(searchIndex.rowid, entry.id));
  return entry.id;
}

/**
 * Brings the index row of record `id` in step with the record, with `tx`, the transaction
 * that changed it (so both commit or neither does): the row is replaced by the record's
 * current title and body, or removed when the record is gone or soft-deleted.
 */
export async function syncSearchEntry(tx: SearchWriter, source: SearchSource, id: string): Promise<void> {
  const [entry] = await tx
    .select({ id: searchEntries.id })
    .from(searchEntries)
    .where(and(eq(searchEntries.kind, source.kind), eq(searchEntries.recordId, id)))
    .limit(1);
  if (entry) await tx.delete(searchIndex).where(eq(searchIndex.rowid, entry.id));
  const [row] = await tx
    .select({
      title: sql<string>`coalesce(${source.title}, '')`,
      body: sql<string>`${bodyOf(source)}`,
      updated: source.updatedAt,
    })
    .from(source.table)
    .where(and(eq(source.id, id), source.deletedAt ? isNull(source.deletedAt) : undefined))
    .limit(1);
  if (!row) {
    if (entry) await tx.delete(searchEntries).where(eq(searchEntries.id, entry.id));
    return;
  }
  const rowid = entry?.id ?? (await newEntry(tx, source.kind, id));
  await tx.insert(searchIndex).values({
    rowid,
    kind: source.kind,
    recordId: id,
    title: row.title,
    body: row.body,
    updated: Number(row.updated),
  });
}
