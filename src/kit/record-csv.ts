import type { CsvColumn } from "../lib/csv.ts";

/*
 * The columns of a record export, by what a field holds: a plain value, a time or a person.
 * The header is the field's name in snake case (`assignedTo` → `assigned_to`); a column
 * of its own is written out as a `CsvColumn`.
 */

/** What a CSV cell takes. */
type Cell = ReturnType<CsvColumn<unknown>["value"]>;

/** The fields of `Row` whose values are `V`. */
type FieldsOf<Row, V> = { [K in keyof Row]: Row[K] extends V ? K : never }[keyof Row] & string;

const snakeCase = (name: string) => name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

/** Columns of plain values (text, numbers, true/false; null as empty). */
export function fieldColumns<Row>(...fields: FieldsOf<Row, Cell>[]): CsvColumn<Row>[] {
  return fields.map((field) => ({ header: snakeCase(field), value: (row) => row[field] as Cell }));
}

/** Columns of times (Unix ms) as ISO 8601 UTC; none as empty. */
export function timeColumns<Row>(...fields: FieldsOf<Row, number | null>[]): CsvColumn<Row>[] {
  return fields.map((field) => ({
    header: snakeCase(field),
    value: (row) => {
      const ms = row[field] as number | null;
      return ms === null ? "" : new Date(ms).toISOString();
    },
  }));
}

/** Columns of the people a record names, by name; nobody as empty. */
export function personColumns<Row>(...fields: FieldsOf<Row, { name: string } | null>[]): CsvColumn<Row>[] {
  return fields.map((field) => ({
    header: snakeCase(field),
    value: (row) => (row[field] as { name: string } | null)?.name,
  }));
}
