import { and, eq, isNull, type SQL, sql } from "drizzle-orm";
import { integer, type SQLiteColumn, type SQLiteTable, sqliteTable, text } from "drizzle-orm/sqlite-core";
import type { Db } from "../db/client.ts";
import type { Resource } from "./rbac.ts";

/**
 * THE search index: an FTS5 virtual table with one row per live record of every searchable
 * kind. Created by the custom migration `0015_search_index.sql` (drizzle-kit cannot declare
 * virtual tables), so this definition is not re-exported to drizzle-kit's schema: it only
 * types the kit's reads and writes. `kind`, `record_id` and `updated` are UNINDEXED.
 */
export const searchIndex = sqliteTable("search_index", {
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

/**
 * Brings the index row of record `id` in step with the record, with `tx`, the transaction
 * that changed it (so both commit or neither does): the row is replaced by the record's
 * current title and body, or removed when the record is gone or soft-deleted.
 */
export async function syncSearchEntry(tx: SearchWriter, source: SearchSource, id: string): Promise<void> {
  await tx.delete(searchIndex).where(and(eq(searchIndex.kind, source.kind), eq(searchIndex.recordId, id)));
  const [row] = await tx
    .select({
      title: sql<string>`coalesce(${source.title}, '')`,
      body: sql<string>`${bodyOf(source)}`,
      updated: source.updatedAt,
    })
    .from(source.table)
    .where(and(eq(source.id, id), source.deletedAt ? isNull(source.deletedAt) : undefined))
    .limit(1);
  if (row)
    await tx.insert(searchIndex).values({
      kind: source.kind,
      recordId: id,
      title: row.title,
      body: row.body,
      updated: Number(row.updated),
    });
}
