import type { BuildColumns } from "drizzle-orm";
import {
  type SQLiteColumn,
  type SQLiteColumnBuilderBase,
  type SQLiteTableExtraConfigValue,
  sqliteTable,
  text,
} from "drizzle-orm/sqlite-core";
import type { SortExpression } from "../lib/list-query.ts";
import { type ListIndexSpec, listIndexes } from "./list-indexes.ts";
import { recordColumns, type versionedColumns } from "./table-columns.ts";

/** What a record list offers, in terms of its table's columns `T` (see {@link ListIndexSpec}). */
export interface RecordListSpec<T> {
  /** What each sort key orders by: the list's order function (`incidentOrder` …), given the table's columns. */
  sort: (t: T) => Record<string, SortExpression>;
  /** The list's default sort (its query schema's). */
  defaultSort: string;
  /** The columns the list filters on by equality, by name. */
  filters: readonly (keyof T & string)[];
  /** Sort keys that get an index with each filter too (see {@link ListIndexSpec.pairedSorts}). */
  pairedSorts?: readonly string[];
}

/** {@link RecordListSpec}, and the kit's columns the table ends with (`base`: {@link recordColumns} unless given). */
export interface RecordKindTableSpec<T, TBase> extends RecordListSpec<T> {
  /** {@link versionedColumns} for a record kind deleted for real (no soft delete). */
  base?: TBase;
}

/** The table of one record kind: `id` first, the kind's own columns, then `base` (the kit's columns). */
type RecordKindColumns<C, B> = { id: ReturnType<typeof idColumn> } & C & B;

/** The text primary key of a record (a UUIDv7). */
function idColumn() {
  return text("id").primaryKey();
}

/**
 * A record kind's table named `name`: `id`, its own `columns`, then the kit's columns (`base`
 * of the spec: {@link recordColumns}, times, version and soft delete, unless given); with the
 * indexes that serve its list (`listIndexes`, behind the soft-delete column when there is
 * one), then the `extra` indexes and checks of its own.
 */
export function recordKindTable<
  TName extends string,
  TColumns extends Record<string, SQLiteColumnBuilderBase>,
  TBase extends Record<string, SQLiteColumnBuilderBase> = ReturnType<typeof recordColumns>,
>(
  name: TName,
  list: RecordKindTableSpec<
    NoInfer<BuildColumns<TName, RecordKindColumns<TColumns, TBase>, "sqlite">>,
    TBase
  >,
  columns: TColumns,
  extra?: (
    t: NoInfer<BuildColumns<TName, RecordKindColumns<TColumns, TBase>, "sqlite">>,
  ) => SQLiteTableExtraConfigValue[],
) {
  const base = (list.base ?? recordColumns()) as TBase;
  const all: RecordKindColumns<TColumns, TBase> = { id: idColumn(), ...columns, ...base };
  return sqliteTable(name, all, (t) => {
    const byName = t as unknown as Record<string, SQLiteColumn>;
    const spec: ListIndexSpec = {
      id: byName.id as SQLiteColumn,
      deletedAt: byName.deletedAt,
      sort: list.sort(t),
      defaultSort: list.defaultSort,
      filters: Object.fromEntries(list.filters.map((filter) => [filter, byName[filter] as SQLiteColumn])),
      pairedSorts: list.pairedSorts,
    };
    return [...listIndexes(name, spec), ...(extra?.(t) ?? [])];
  });
}
