import { aliasedTable, and, eq, isNull, type SQL, sql } from "drizzle-orm";
import type { SelectedFields, SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Db } from "../db/client.ts";
import { users } from "../db/schema/users.ts";
import {
  containsText,
  type EqualityFilters,
  equalityCondition,
  orderByOf,
  type SortExpression,
} from "../lib/list-query.ts";
import type { Actor } from "./actor.ts";
import type { ListCache } from "./list-cache.ts";
import { assertCan } from "./rbac.ts";
import type { RecordKind } from "./record-kind.ts";
import {
  type PageableRows,
  RecordListReads,
  type RecordPage,
  type RecordPageRequest,
  readRecordPage,
} from "./record-list.ts";
import { foundOr404, isRecord, type RecordReader, type RecordTable } from "./record-lookup.ts";
import { ftsQueryOf, wordsOf } from "./search.ts";
import { searchEntries } from "./search-entries.ts";
import { searchIndex } from "./search-index.ts";
import { deletedCondition } from "./soft-delete.ts";

/** A record's joined select before its WHERE: what the kit filters, orders and cuts to a page. */
export interface RecordSelect<R> {
  where(where: SQL | undefined): {
    orderBy(...order: (SQL | SQLiteColumn)[]): PageableRows<R> & PromiseLike<R[]>;
    limit(limit: number): PromiseLike<R[]>;
  };
}

/** A person as a record's view names them (its creator, assignee, owner). */
export interface RecordPerson {
  id: string;
  name: string;
}

/** The person user `id` is, with the display name a join read for them; null for nobody. */
export function personOf(id: string | null, name: string | null): RecordPerson | null {
  return id ? { id, name: name ?? "" } : null;
}

/** A select that more tables can be left-joined to. */
interface Joinable {
  leftJoin(table: SQLiteTable, on: SQL): Joinable;
}

/** A row of {@link peopleSelect}: the record under `N`, each person's display name as `<role>Name`. */
export type PeopleRow<N extends string, T extends RecordTable, P> = { [K in N]: T["$inferSelect"] } & {
  [K in keyof P & string as `${K}Name`]: string | null;
};

/**
 * The select of a record kind whose views name people: the row of `table` under `key` and,
 * for each role of `people` (the column holding a user id: `{ creator: t.createdBy }`), that
 * user's display name as `<role>Name`, left-joined (null for nobody).
 */
export function peopleSelect<
  const N extends string,
  T extends RecordTable,
  const P extends Record<string, SQLiteColumn>,
>(key: N, table: T, people: P): (db: RecordReader) => RecordSelect<PeopleRow<N, T, P>> {
  const fields: SelectedFields = { [key]: table };
  const joins = Object.entries(people).map(([role, column]) => {
    const person = aliasedTable(users, role);
    fields[`${role}Name`] = person.displayName;
    return { person, on: eq(person.id, column) };
  });
  return (db) => {
    let query: Joinable = db.select(fields).from(table).$dynamic();
    for (const { person, on } of joins) query = query.leftJoin(person, on);
    // Drizzle cannot infer a row from joins made in a loop: PeopleRow says what they read.
    return query as unknown as RecordSelect<PeopleRow<N, T, P>>;
  };
}

/** The condition of a person filter (`assigneeFilter`) on `column`: that user id, or "none" for nobody. */
export function assigneeCondition(column: SQLiteColumn, value: string | undefined): SQL | undefined {
  if (value === "none") return isNull(column);
  return value ? eq(column, value) : undefined;
}

/** What the kit reads of every list query: the text searched for and, for soft-deleted records, the `deleted` filter. */
export interface RecordFilterQuery {
  q?: string | undefined;
  deleted?: "exclude" | "only" | undefined;
}

/**
 * How one kind of record is read: `R` is a row of its joined select, `V` the record as
 * the API and pages show it, `Q` its parsed list query, `K` its sort keys and `D` what its
 * views and filters read (the database and, for risks, the settings in force).
 */
export interface RecordQueriesDefinition<
  K extends string,
  Q extends RecordFilterQuery,
  R,
  V,
  D extends { db: RecordReader } = { db: RecordReader },
> {
  /** The record's table (with `deletedAt` where records are soft-deleted). */
  table: RecordTable;
  /** The kind's names: `one` in messages ("No incident …"), `many` the resource whose `read` lists and reads the records. */
  kind: RecordKind;
  /** What each sort key orders by (an SQL expression for a rank or a collation). */
  sort: Record<K, SortExpression>;
  /** The select that joins what a view shows (the creator's name …), without a WHERE. */
  select: (db: RecordReader) => RecordSelect<R>;
  /** The record id of a joined row. */
  idOf: (row: R) => string;
  /** The views of joined rows, in their order (one read of a side table serves them all). */
  toViews: (deps: D, rows: R[]) => V[] | Promise<V[]>;
  /** The text columns a `q` without any word (only punctuation) searches; a `q` with words searches the kind's rows of the search index. */
  text: SQLiteColumn[];
  /** The conditions of the module's own filters (the kit adds `q` and `deleted`). */
  filters?: (query: Q, deps: D) => SQL | undefined;
  /**
   * The deps one list or export reads through, made once per call, so its filters and views
   * see the same of what may change between two reads (the risk settings a reload replaces).
   */
  perCall?: <E extends D>(deps: E) => E;
}

/** What the list reads through: the database and, where the module keeps one, its page cache. */
export interface RecordListDeps<V> {
  db: Db;
  lists?: ListCache<RecordPage<V>> | undefined;
}

/**
 * The list, export and lookups of a record kind from its definition: every one checks
 * `read` on the resource, filters by `deleted`, the module's `filters` and `q` over `text`,
 * orders by `sort` (then the id) and shows rows through `toViews`. What a module shows
 * beyond a view (a timeline, linked records) stays its own code around `findView`. Each
 * function takes the module's own deps (`E`, whatever else they hold, with the database it
 * reads from), so a record API infers them as its services'.
 */
export function defineRecordQueries<
  K extends string,
  Q extends RecordFilterQuery,
  R,
  V,
  D extends { db: RecordReader } = { db: RecordReader },
>(definition: RecordQueriesDefinition<K, Q, R, V, D>) {
  const { table, kind, sort, select, idOf, toViews, text, filters, perCall = (deps) => deps } = definition;
  const { one: noun, many: resource } = kind;
  // Listing `only` the deleted records needs the permission to delete them (see `deletedCondition`).
  const filtersOf = (deps: D, actor: Actor, query: Q) =>
    and(
      table.deletedAt
        ? deletedCondition(actor, resource, table.deletedAt, query.deleted ?? "exclude")
        : undefined,
      filters?.(query, deps),
      query.q ? textCondition(query.q, query.deleted ?? "exclude") : undefined,
    );
  // `q` finds what the global search finds (the record's kind in the one FTS5 index, each
  // word as a prefix); a `q` without a word (only punctuation), or among deleted records
  // (which leave the index), looks for it in `text`.
  const textCondition = (q: string, deleted: "exclude" | "only") =>
    wordsOf(q).length > 0 && deleted === "exclude"
      ? sql`${table.id} in (select ${searchEntries.recordId} from ${searchEntries} where ${searchEntries.kind} = ${resource} and ${searchEntries.id} in (select rowid from ${searchIndex} where ${searchIndex} match ${ftsQueryOf(q)}))`
      : containsText(text, q);
  const list = { table, id: table.id, columns: sort };
  const reads = new RecordListReads<R>();
  const sorted = (deps: D, where: SQL | undefined, order: string, reversed = false) =>
    select(deps.db)
      .where(where)
      .orderBy(...orderByOf(order, sort, table.id, reversed));

  async function findView(deps: D, id: string, includeDeleted = false): Promise<V> {
    const [row] = await select(deps.db)
      .where(isRecord(table, id, includeDeleted))
      .limit(1);
    // One row in, one view out.
    const [view] = await toViews(deps, [foundOr404(row, noun, id)]);
    return view as V;
  }

  return {
    /** A page of the records matching `query` (keyset after `query.cursor` or before `query.before`, else by page), through the list cache. */
    async list<E extends D & RecordListDeps<V>>(
      callerDeps: E,
      actor: Actor,
      query: Q & RecordPageRequest,
    ): Promise<RecordPage<V>> {
      assertCan(actor, "read", resource);
      const deps = perCall(callerDeps);
      const where = filtersOf(deps, actor, query);
      // The total depends on the filter alone: the same for every page, cursor and sort of it.
      const {
        page: _page,
        pageSize: _size,
        sort: _sort,
        cursor: _cursor,
        before: _before,
        ...filter
      } = query;
      const filterKey = JSON.stringify(filter);
      const read = async () => {
        const page = await readRecordPage(
          deps.db,
          list,
          query,
          where,
          (w, reversed) => sorted(deps, w, query.sort, reversed),
          idOf,
          reads,
          (read) => (deps.lists ? deps.lists.count(filterKey, read) : read()),
        );
        return { ...page, items: await toViews(deps, page.items) };
      };
      // Through the module's page cache when it keeps one, keyed by the validated query.
      return deps.lists ? deps.lists.read(JSON.stringify(query), read) : read();
    },
    /** Every record matching `query`'s filters, in its order (no paging), for an export. */
    async export<E extends D & { db: Db }>(
      callerDeps: E,
      actor: Actor,
      query: Q & { sort: string },
    ): Promise<V[]> {
      assertCan(actor, "read", resource);
      const deps = perCall(callerDeps);
      return toViews(deps, await sorted(deps, filtersOf(deps, actor, query), query.sort));
    },
    /** The record `id` as shown; 404 when there is none or it is deleted (unless `includeDeleted`). */
    findView,
    /** One record, for whoever may read the kind. */
    async get<E extends D>(deps: E, actor: Actor, id: string): Promise<V> {
      assertCan(actor, "read", resource);
      return findView(deps, id);
    },
  };
}

/**
 * `defineRecordQueries` for a kind whose views name people: the select is
 * `peopleSelect(kind.one, table, people)` (the row under the kind's `one`, each person's display
 * name as `<role>Name`) and a row's id is its record's; `equal` names the equality filters
 * (the query field each column must equal, where one is given), `filters` the others.
 */
export function definePeopleQueries<
  const N extends string,
  T extends RecordTable,
  const P extends Record<string, SQLiteColumn>,
  K extends string,
  Q extends RecordFilterQuery,
  V,
  D extends { db: RecordReader } = { db: RecordReader },
>(
  definition: Omit<
    RecordQueriesDefinition<K, Q, PeopleRow<N, T, P>, V, D>,
    "table" | "kind" | "select" | "idOf"
  > & {
    table: T;
    /** The kind's names; its `one` is declared as a literal (`as const`): the row holds the record under it. */
    kind: RecordKind & { one: N };
    people: P;
    equal?: EqualityFilters;
  },
) {
  const { kind, table, people, equal = {}, filters, ...rest } = definition;
  const noun = kind.one;
  const select = peopleSelect(noun, table, people);
  const queries = defineRecordQueries({
    ...rest,
    table,
    kind,
    select,
    // The record under its noun: `PeopleRow` types it as the table's row, which has the kit's `id`.
    idOf: (row) => (row[noun] as unknown as { id: string }).id,
    filters: (query: Q, deps: D) => and(equalityCondition(equal, query), filters?.(query, deps)),
  });
  // `select`: the record's row under its noun with its people's names, without a WHERE.
  return { ...queries, select };
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
) {
  const { table, equal, ...rest } = definition;
  return defineRecordQueries({
    ...rest,
    table,
    select: (db) => db.select().from(table) as unknown as RecordSelect<T["$inferSelect"]>,
    idOf: (row) => row.id,
    toViews: (_deps, rows) => rows,
    filters: (query) => equalityCondition(equal, query),
  });
}
