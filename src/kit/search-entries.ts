import { integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/**
 * Which index row holds which record: `id` is the row's rowid in `search_index`. An FTS5
 * table has no index on its UNINDEXED columns, so finding a record's row by kind and id
 * there reads every row (53 ms at 100,000 rows, on the one writer); this table finds it by
 * its unique index, and lets a search narrowed to some kinds skip reading the index's rows.
 */
export const searchEntries = sqliteTable(
  "search_entries",
  {
    id: integer("id").primaryKey(),
    kind: text("kind").notNull(),
    recordId: text("record_id").notNull(),
  },
  (t) => [uniqueIndex("search_entries_record_idx").on(t.kind, t.recordId)],
);
