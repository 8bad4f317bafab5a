/*
 * What of an alert's context gets drawn, decided before any HTML is made: a bounded outline
 * built in one pass over the JSON (work linear in its size), with caps on rows, columns,
 * keys, list items, depth and text, and one budget of cells for the whole context, so a
 * 200,000-character context and a 200-character one both render in milliseconds and make
 * a page of readable size. Whatever is left out is counted, so the view can say so.
 */

/** At most this many rows of a table (an array of objects). */
export const MAX_ROWS = 100;
/** At most this many columns of a table. */
export const MAX_COLUMNS = 12;
/** At most this many keys of an object (and of the context itself). */
export const MAX_KEYS = 50;
/** At most this many items of a list of plain values. */
export const MAX_ITEMS = 50;
/** Objects nested deeper than this show as one line of JSON. */
export const MAX_DEPTH = 3;
/** A text (or a key, or a line of JSON) longer than this is cut. */
export const MAX_TEXT = 200;
/** At most this many values (cells, facts, list items) in one context. */
export const CELL_BUDGET = 2_500;

/** A plain value, text cut to {@link MAX_TEXT}; `cut` counts the characters left out. */
export interface ShownScalar {
  kind: "scalar";
  value: string | number | boolean | null;
  /** Shown as JSON in monospace: a value nested deeper than {@link MAX_DEPTH}. */
  json: boolean;
  cut: number;
}

/** An array of plain values, as a line. */
export interface ShownList {
  kind: "list";
  items: ShownScalar[];
  more: number;
}

/** An array of objects, as a table. */
export interface ShownTable {
  kind: "table";
  columns: { key: string; numeric: boolean }[];
  rows: ShownScalar[][];
  /** Rows in the context (shown or not). */
  total: number;
  moreRows: number;
  moreColumns: number;
}

/** An object, as a list of facts. */
export interface ShownFacts {
  kind: "facts";
  entries: { key: string; value: Shown }[];
  more: number;
}

/** One value of the outline. */
export type Shown = ShownScalar | ShownList | ShownTable | ShownFacts;

/** The outline of a whole context: plain facts first, then one block per list or object. */
export interface ContextOutline {
  plain: { key: string; value: ShownScalar }[];
  blocks: { key: string; value: Shown }[];
  /** Keys of the context not shown (over {@link MAX_KEYS}, or the budget spent). */
  more: number;
}

type Json = unknown;

function isObject(value: Json): value is Record<string, Json> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The value of `key` in `object` if it is its own (a row without `toString` has none, not a function). */
function own(object: Record<string, Json>, key: string): Json {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

/** `text` cut to `max` characters, with how many were left out. */
export function cutText(text: string, max = MAX_TEXT): { text: string; cut: number } {
  return text.length <= max ? { text, cut: 0 } : { text: text.slice(0, max), cut: text.length - max };
}

/** Builds outlines against one shared budget of cells. */
class Outliner {
  #cells = CELL_BUDGET;

  get spent(): boolean {
    return this.#cells <= 0;
  }

  scalar(value: Json): ShownScalar {
    this.#cells--;
    if (value === undefined || value === null) return { kind: "scalar", value: null, json: false, cut: 0 };
    if (typeof value === "number" || typeof value === "boolean")
      return { kind: "scalar", value, json: false, cut: 0 };
    const json = typeof value !== "string";
    const { text, cut } = cutText(json ? (JSON.stringify(value) ?? String(value)) : value);
    return { kind: "scalar", value: text, json, cut };
  }

  value(value: Json, depth: number): Shown {
    if (Array.isArray(value)) {
      if (value.length > 0 && value.every(isObject)) return this.table(value);
      return this.list(value);
    }
    if (isObject(value) && depth < MAX_DEPTH) return this.facts(value, depth);
    return this.scalar(value);
  }

  list(values: Json[]): ShownList {
    const items: ShownScalar[] = [];
    for (const item of values) {
      if (items.length >= MAX_ITEMS || this.spent) break;
      items.push(this.scalar(item));
    }
    return { kind: "list", items, more: values.length - items.length };
  }

  facts(object: Record<string, Json>, depth: number): ShownFacts {
    const entries: ShownFacts["entries"] = [];
    let total = 0;
    for (const key in object) {
      total++;
      if (entries.length >= MAX_KEYS || this.spent) continue;
      entries.push({ key: cutText(key).text, value: this.value(object[key], depth + 1) });
    }
    return { kind: "facts", entries, more: total - entries.length };
  }

  table(objects: Record<string, Json>[]): ShownTable {
    // Columns come from the rows that can be shown; each key is looked at once per row.
    const candidates = objects.slice(0, MAX_ROWS);
    const keys = new Set<string>();
    for (const row of candidates) for (const key in row) keys.add(key);
    const columns = [...keys].slice(0, MAX_COLUMNS);
    const numeric = new Set(columns);
    const rows: ShownScalar[][] = [];
    for (const row of candidates) {
      if (this.spent) break;
      const cells = columns.map((key) => own(row, key));
      columns.forEach((key, i) => {
        if (cells[i] !== undefined && typeof cells[i] !== "number") numeric.delete(key);
      });
      rows.push(cells.map((cell) => this.scalar(cell)));
    }
    return {
      kind: "table",
      columns: columns.map((key) => ({ key: cutText(key).text, numeric: numeric.has(key) })),
      rows,
      total: objects.length,
      moreRows: objects.length - rows.length,
      moreColumns: keys.size - columns.length,
    };
  }
}

/** The bounded outline of `context` (see the caps above). */
export function outlineContext(context: Record<string, Json>): ContextOutline {
  const outliner = new Outliner();
  const outline: ContextOutline = { plain: [], blocks: [], more: 0 };
  let shown = 0;
  for (const key in context) {
    const value = context[key];
    if (shown >= MAX_KEYS || outliner.spent) {
      outline.more++;
      continue;
    }
    shown++;
    const name = cutText(key).text;
    if (Array.isArray(value) || isObject(value))
      outline.blocks.push({ key: name, value: outliner.value(value, 1) });
    else outline.plain.push({ key: name, value: outliner.scalar(value) });
  }
  return outline;
}
