import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Resource } from "./rbac.ts";
import type { SearchSource } from "./search-index.ts";

/** A record table as the search index reads it: its id, when it changed and, when soft-deleted, since when. */
type SearchableTable = SQLiteTable & { id: SQLiteColumn; updatedAt: SQLiteColumn; deletedAt?: SQLiteColumn };

/**
 * The `SearchSource` of a record kind whose table has the kit's columns (`id`, `updatedAt`,
 * `deletedAt` when soft-deleted): what it shows as a hit's title, the text columns of its
 * body and its page (`href` + the record's id).
 */
export function recordSearch(
  kind: Resource,
  table: SearchableTable,
  text: { title: SQLiteColumn; body: readonly SQLiteColumn[]; href: string },
): SearchSource {
  return { kind, table, id: table.id, updatedAt: table.updatedAt, deletedAt: table.deletedAt, ...text };
}
