import { and, eq, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import type { RecordTable } from "./record-lookup.ts";
import {
  defineRecordQueries,
  type RecordFilterQuery,
  type RecordQueries,
  type RecordQueriesDefinition,
  type RecordSelect,
} from "./record-queries.ts";

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
