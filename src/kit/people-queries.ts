import { and } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { type EqualityFilters, equalityCondition } from "../lib/list-query.ts";
import type { RecordReader, RecordTable } from "./record-lookup.ts";
import {
  defineRecordQueries,
  type PeopleRow,
  peopleSelect,
  type QueriedKind,
  type RecordFilterQuery,
  type RecordQueries,
  type RecordQueriesDefinition,
  type RecordSelect,
} from "./record-queries.ts";

/** What {@link definePeopleQueries} makes: the kind's queries and the joined select they read through. */
export type PeopleQueries<Q, V, R> = RecordQueries<Q, V> & {
  /** The record's row under its noun with its people's names (see `peopleSelect`), without a WHERE. */
  select: (db: RecordReader) => RecordSelect<R>;
};

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
>(
  definition: Omit<
    RecordQueriesDefinition<K, Q, PeopleRow<N, T, P>, V>,
    "table" | "kind" | "select" | "idOf"
  > & {
    table: T;
    /** The kind's names; its `one` is declared as a literal (`as const`): the row holds the record under it. */
    kind: QueriedKind & { one: N };
    people: P;
    equal?: EqualityFilters;
  },
): PeopleQueries<Q, V, PeopleRow<N, T, P>> {
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
    filters: (query: Q) => and(equalityCondition(equal, query), filters?.(query)),
  });
  return { ...queries, select };
}
