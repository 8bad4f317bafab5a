/**
 * A record kind's table as the kit declares it: its columns and the record columns, and the
 * indexes its list needs, derived from the sorts and filters the list offers.
 */
import { type BuildColumns, type SQL, sql } from "drizzle-orm";
import {
  index,
  type SQLiteColumn,
  type SQLiteColumnBuilderBase,
  type SQLiteTableExtraConfigValue,
  sqliteTable,
  text,
} from "drizzle-orm/sqlite-core";
import { type OrderTerm, orderTermsOf, parseSortKeys, type SortExpression } from "../lib/list-query.ts";
import { recordColumns, type versionedColumns } from "./table-columns.ts";

/** What a record list offers, in terms of its table's columns `T` (see `ListIndexSpec` below). */
export interface RecordListSpec<T> {
  /** What each sort key orders by: the list's order function (`incidentOrder` …), given the table's columns. */
  sort: (t: T) => Record<string, SortExpression>;
  /** The list's default sort (its query schema's). */
  defaultSort: string;
  /** The columns the list filters on by equality, by name. */
  filters: readonly (keyof T & string)[];
  /** Sort keys that get an index with each filter too (see `ListIndexSpec.pairedSorts` below). */
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

/** What a record list offers, as its table's indexes must serve it. */
interface ListIndexSpec {
  /** The table's id, the tiebreak of every order. */
  id: SQLiteColumn;
  /** The soft-delete column every live list filters on (`is null`), when records are soft-deleted. */
  deletedAt?: SQLiteColumn;
  /** What each sort key orders by, exactly as the list's queries order (the same expressions). */
  sort: Record<string, SortExpression>;
  /** The list's default sort (`-createdAt`, `severity,dueAt`): each filter gets an index in this order. */
  defaultSort: string;
  /** The equality filters the list offers, by name. */
  filters: Record<string, SQLiteColumn>;
  /**
   * Sort keys that get an index with each filter too: where SQLite would rather narrow by the
   * filter and sort what is left than walk the sort's index (a table without soft delete,
   * whose sort indexes have no equality to start from).
   */
  pairedSorts?: readonly string[];
}

/** `camelCase` as `snake_case`, for index names. */
function snake(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** An index column: the expression, with `desc` when the order runs the other way there. */
function indexed(expression: SQLiteColumn | SQL, descending: boolean): SQLiteColumn | SQL {
  return descending ? sql`${expression} desc` : expression;
}

/** The order terms of `sort` with every key turned `descending` (or not). */
function termsOf(spec: ListIndexSpec, sort: string, descending?: boolean): OrderTerm[] {
  const keys = parseSortKeys(sort).map((k) => ({ ...k, descending: descending ?? k.descending }));
  return orderTermsOf(keys, spec.sort);
}

/**
 * The orders the unfiltered list's indexes serve, by name: each sort key alone and a
 * several-key default. SQLite walks an index either way, so one index serves an order both
 * ways, except an order with a part that keeps its direction (blanks last): its descending
 * form is a second order (`<key>_desc`).
 */
function ordersOf(spec: ListIndexSpec, keys: readonly string[]): [string, OrderTerm[]][] {
  const sorts = keys.map((key): [string, string] => [snake(key), key]);
  if (keys.length > 0 && spec.defaultSort.includes(",")) sorts.push(["default", spec.defaultSort]);
  return sorts.flatMap(([name, sort]): [string, OrderTerm[]][] => {
    const descending = termsOf(spec, sort, true);
    const ascending: [string, OrderTerm[]] = [name, termsOf(spec, sort, false)];
    return descending.every((term) => term.descending)
      ? [ascending]
      : [ascending, [`${name}_desc`, descending]];
  });
}

/** An index named `name` on `columns`, then the order's terms, then the id in the last term's direction. */
function orderIndex(name: string, spec: ListIndexSpec, columns: SQLiteColumn[], terms: OrderTerm[]) {
  const [first, ...rest] = [
    ...columns,
    ...terms.map((term) => indexed(term.expression, term.descending)),
    indexed(spec.id, terms.at(-1)?.descending ?? false),
  ];
  return index(name).on(first as SQLiteColumn | SQL, ...rest);
}

/**
 * The indexes that serve every filter × sort a record list offers without a full scan or a
 * temporary sort: one on (deleted_at, the order's terms, id) for each order (`ordersOf`), and
 * one on (filter, deleted_at, the default order's terms, id) for each equality filter, plus
 * one per filter × `pairedSorts` order. A filter with another sort walks that sort's index and
 * skips the rows the filter leaves out (a page stops after its rows), which SQLite prefers to
 * sorting: so each sort × filter is served without an index per pair, which would multiply the
 * indexes every write updates (measured: all 227 pairs made inserts three times slower).
 * `table` names them `<table>_by_<order>_idx`, `<table>_<filter>_idx` and
 * `<table>_<filter>_by_<order>_idx`.
 */
function listIndexes(table: string, spec: ListIndexSpec) {
  const live = spec.deletedAt ? [spec.deletedAt] : [];
  const byDefault = termsOf(spec, spec.defaultSort);
  const paired = ordersOf(spec, spec.pairedSorts ?? []);
  return [
    ...ordersOf(spec, Object.keys(spec.sort)).map(([name, terms]) =>
      orderIndex(`${table}_by_${name}_idx`, spec, live, terms),
    ),
    ...Object.entries(spec.filters).flatMap(([filter, column]) => [
      orderIndex(`${table}_${snake(filter)}_idx`, spec, [column, ...live], byDefault),
      ...paired.map(([name, terms]) =>
        orderIndex(`${table}_${snake(filter)}_by_${name}_idx`, spec, [column, ...live], terms),
      ),
    ]),
  ];
}
