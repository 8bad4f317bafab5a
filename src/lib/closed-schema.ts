import { z } from "zod";

/*
 * The object shapes a schema reads its input with: closing them (a key an object does not
 * declare is refused, not dropped) and naming their keys. Only the parts that check the
 * input are followed: wrappers, arrays, tuples, union options, record values and a pipe's
 * input side (its output side when the input is a preprocessing transform, as
 * `z.preprocess` builds it). Intersections and lazy schemas are left as they are.
 */

/** A zod definition as this file reads it: the children it follows, by kind. */
interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
  innerType?: z.ZodType;
  element?: z.ZodType;
  items?: z.ZodType[];
  rest?: z.ZodType | null;
  options?: z.ZodType[];
  valueType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
}

const WRAPPERS = new Set(["optional", "nullable", "default", "prefault", "catch", "readonly", "nonoptional"]);

const defOf = (schema: z.ZodType): Def => schema._zod.def as unknown as Def;

/** The side of a pipe that reads the input. */
function pipeInput(def: Def): "in" | "out" {
  return def.in && defOf(def.in).type === "transform" ? "out" : "in";
}

/**
 * `schema` with every object that reads input closed, as `.strict()` closes one: a key it
 * does not declare is an `unrecognized_keys` issue (see `fieldErrors`), and its JSON Schema
 * says `additionalProperties: false`. An object with a catchall of its own keeps it. The
 * copies keep their descriptions; `schema` itself is unchanged (pages that read forms with
 * it still ignore fields such as a CSRF token).
 */
export function closedInput<T extends z.ZodType>(schema: T): T {
  return close(schema) as T;
}

function close(schema: z.ZodType): z.ZodType {
  const def = defOf(schema);
  if (def.type === "object" && def.shape) {
    const shape = Object.fromEntries(Object.entries(def.shape).map(([key, value]) => [key, close(value)]));
    return copy(schema, { shape, catchall: def.catchall ?? z.never() });
  }
  if (WRAPPERS.has(def.type) && def.innerType) return copy(schema, { innerType: close(def.innerType) });
  if (def.type === "array" && def.element) return copy(schema, { element: close(def.element) });
  if (def.type === "tuple" && def.items)
    return copy(schema, { items: def.items.map(close), rest: def.rest ? close(def.rest) : def.rest });
  if (def.type === "union" && def.options) return copy(schema, { options: def.options.map(close) });
  if (def.type === "record" && def.valueType) return copy(schema, { valueType: close(def.valueType) });
  if (def.type === "pipe") {
    const side = pipeInput(def);
    const inner = def[side];
    if (inner) return copy(schema, { [side]: close(inner) });
  }
  return schema;
}

/** A copy of `schema` with `changes` to its definition and the same metadata (description …). */
function copy(schema: z.ZodType, changes: Partial<Def>): z.ZodType {
  const def = z.core.util.mergeDefs(schema._zod.def, changes) as typeof schema._zod.def;
  const result = schema.clone(def);
  const meta = z.globalRegistry.get(schema);
  if (meta) {
    // An id names one schema in a registry; the copy describes the same input without it.
    const { id: _id, ...rest } = meta;
    z.globalRegistry.add(result, rest);
  }
  return result;
}

/** The keys of the object `schema` reads its input with (through wrappers and pipes); none for other kinds. */
export function inputKeys(schema: z.ZodType): string[] {
  const def = defOf(schema);
  if (def.type === "object" && def.shape) return Object.keys(def.shape);
  if (WRAPPERS.has(def.type) && def.innerType) return inputKeys(def.innerType);
  if (def.type === "pipe") {
    const inner = def[pipeInput(def)];
    return inner ? inputKeys(inner) : [];
  }
  return [];
}
