import type { SQL } from "drizzle-orm";
import { shapeOf } from "./statement-shapes.ts";

/** A read whose values may be placeholders: a drizzle select builder, prepared once and run with values. */
export interface Preparable<R> {
  prepare(): PreparedRead<R>;
}

/** A prepared read: its rows for the placeholders' values. */
export interface PreparedRead<R> {
  all(values: Record<string, unknown>): Promise<R[]>;
}

/**
 * Distinct statements kept per database and kind of read; the oldest goes first. A list page's
 * statement with its field list takes ~7 KiB (192 incident page shapes: 1.4 MiB), so a list
 * that meets more shapes than a person would make holds under 2 MiB.
 */
const MAX_STATEMENTS = 256;

/**
 * One kind of read (a record list's page in one sort, say), its SQL built once per shape of
 * its condition and reused: building a select's SQL in drizzle costs more than SQLite takes
 * to run a page of it (0.2–0.3 ms for a list page with two joins), and a list's conditions
 * come in few shapes — which filters are set, which cursor — whatever their values. A
 * condition without a shape (see `shapeOf`) is read as it is. Statements are kept per
 * database handle (a prepared read belongs to the handle it was built on).
 */
export class PreparedReads<R> {
  readonly #statements = new WeakMap<object, Map<string, PreparedRead<R>>>();

  /**
   * The rows of `build(where)` run with `values` (for the placeholders `build` adds), on
   * `db`; `kind` names what else than `where` makes `build`'s SQL differ (the sort …).
   */
  all(
    db: object,
    kind: string,
    where: SQL | undefined,
    build: (where: SQL | undefined) => Preparable<R>,
    values: Record<string, unknown> = {},
  ): Promise<R[]> {
    const shape = shapeOf(where);
    if (!shape) return build(where).prepare().all(values);
    let statements = this.#statements.get(db);
    if (!statements) {
      statements = new Map();
      this.#statements.set(db, statements);
    }
    const key = `${kind}\n${shape.signature}`;
    let statement = statements.get(key);
    if (!statement) {
      statement = build(shape.where).prepare();
      statements.set(key, statement);
      if (statements.size > MAX_STATEMENTS) statements.delete(statements.keys().next().value as string);
    }
    return statement.all({ ...shape.values, ...values });
  }
}
