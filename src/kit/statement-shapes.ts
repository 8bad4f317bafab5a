import {
  Column,
  getTableName,
  is,
  Name,
  Param,
  type Placeholder,
  SQL,
  type SQLChunk,
  StringChunk,
  sql,
  Table,
} from "drizzle-orm";

/**
 * A condition with its values taken out: the same SQL with a placeholder where each value
 * was, the values by placeholder name, and a signature that two conditions share exactly
 * when they render to the same SQL text, values aside (the same text, columns and tables in
 * the same places).
 */
export interface ConditionShape {
  where: SQL | undefined;
  values: Record<string, unknown>;
  signature: string;
}

/** Thrown inside the walk when a condition has no shape. */
const UNSHAPED = new Error("condition without a shape");

/**
 * The shape of `where` (see {@link ConditionShape}), or null when it holds anything whose
 * SQL text the signature would not pin down (a subquery, a view, an alias, SQL with its
 * values written inline, a placeholder already there, a value an encoder could turn into
 * SQL): such a condition is read as it is, never through a statement prepared for another.
 */
export function shapeOf(where: SQL | undefined): ConditionShape | null {
  const values: Record<string, unknown> = {};
  const signature: string[] = [];
  let n = 0;
  const value = (v: unknown): Placeholder => {
    const name = `p${n++}`;
    values[name] = v;
    signature.push("?");
    return sql.placeholder(name);
  };
  const walk = (chunk: unknown): unknown => {
    if (chunk === undefined) return chunk;
    // A value written straight into an sql`` template is sent as it is.
    if (chunk === null || typeof chunk !== "object") return value(chunk);
    if (Array.isArray(chunk)) {
      signature.push("[");
      const out = chunk.map(walk);
      signature.push("]");
      return out;
    }
    if (is(chunk, StringChunk)) {
      signature.push(JSON.stringify(chunk.value.join("")));
      return chunk;
    }
    if (is(chunk, Param)) {
      // A null is sent as null, whatever the column's encoder would make of it: kept as it is.
      if (chunk.value === null) {
        signature.push("null");
        return chunk;
      }
      if (typeof chunk.value === "object") throw UNSHAPED;
      return new Param(value(chunk.value), chunk.encoder);
    }
    if (is(chunk, SQL)) {
      const inline = (chunk as unknown as { shouldInlineParams: boolean }).shouldInlineParams;
      if (inline || chunk.constructor !== SQL) throw UNSHAPED;
      signature.push("(");
      const out = new SQL(chunk.queryChunks.map(walk) as SQLChunk[]);
      signature.push(")");
      return out;
    }
    if (is(chunk, Column)) {
      signature.push(`column ${tableSignature(chunk.table)} ${JSON.stringify(chunk.name)}`);
      return chunk;
    }
    if (is(chunk, Table)) {
      signature.push(`table ${tableSignature(chunk)}`);
      return chunk;
    }
    if (is(chunk, Name)) {
      signature.push(`name ${JSON.stringify(chunk.value)}`);
      return chunk;
    }
    throw UNSHAPED;
  };
  try {
    const shaped = walk(where) as SQL | undefined;
    return { where: shaped, values, signature: signature.join(" ") };
  } catch (error) {
    if (error === UNSHAPED) return null;
    throw error;
  }
}

/** drizzle's marks on a table: its schema, and whether it is an alias. */
const SCHEMA = Symbol.for("drizzle:Schema");
const IS_ALIAS = Symbol.for("drizzle:IsAlias");

/** What a table's reference renders from: its name (an alias's own), its schema, whether it is an alias. */
function tableSignature(table: Table): string {
  const marks = table as unknown as Record<symbol, unknown>;
  return JSON.stringify([getTableName(table), marks[SCHEMA] ?? null, marks[IS_ALIAS] === true]);
}
