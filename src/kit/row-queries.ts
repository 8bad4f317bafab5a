import { type EqualityFilters, equalityCondition } from "../lib/list-query.ts";
import type { RecordTable } from "./record-lookup.ts";
import {
  defineRecordQueries,
  type RecordFilterQuery,
  type RecordQueries,
  type RecordQueriesDefinition,
  type RecordSelect,
} from "./record-queries.ts";

/**
 * `defineRecordQueries` for a kind shown as its rows are stored (no join, no side table):
 * the select, id and views follow from `table`; `equal` names its equality filters.
 */
export function defineRowQueries<T extends RecordTable, K extends string, Q extends RecordFilterQuery>(
  definition: Omit<
    RecordQueriesDefinition<K, Q, T["$inferSelect"], T["$inferSelect"]>,
    "table" | "select" | "idOf" | "toViews" | "filters"
  > & { table: T; equal: EqualityFilters },
): RecordQueries<Q, T["$inferSelect"]> {
  const { table, equal, ...rest } = definition;
  return defineRecordQueries({
    ...rest,
    table,
    select: (db) => db.select().from(table) as unknown as RecordSelect<T["$inferSelect"]>,
    idOf: (row) => row.id,
    toViews: (_db, rows) => rows,
    filters: (query) => equalityCondition(equal, query),
  });
}
