import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import type { RecordKind } from "./record-kind.ts";
import type { SearchSource } from "./search-index.ts";

/** A record table as the search index reads it: its id, when it changed and, when soft-deleted, since when. */
type SearchableTable = SQLiteTable & { id: SQLiteColumn; updatedAt: SQLiteColumn; deletedAt?: SQLiteColumn };

/**
 * The `SearchSource` of a record kind whose table has the kit's columns (`id`, `updatedAt`,
 * `deletedAt` when soft-deleted): what it shows as a hit's title and the text columns of its
 * body; a hit links to the record's page (`<path>/<id>`) and is found by those who may read
 * the kind's resource.
 */
export function recordSearch(
  kind: RecordKind,
  table: SearchableTable,
  text: { title: SQLiteColumn; body: readonly SQLiteColumn[] },
): SearchSource {
  const { id, updatedAt, deletedAt } = table;
  return { kind: kind.many, table, id, updatedAt, deletedAt, href: `${kind.path}/`, ...text };
}
