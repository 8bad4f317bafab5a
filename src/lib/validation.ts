import type { z } from "zod";
import type { FieldErrors } from "./errors.ts";

/** The message for a key the schema does not take, by its dotted path. */
export type UnknownKeyMessage = (path: string) => string;

const UNKNOWN_FIELD: UnknownKeyMessage = () => "Unknown field.";

/**
 * An empty field path → message map. It has no prototype: a client's field named
 * `constructor` or `__proto__` is a key like any other, not an inherited value that hides it.
 */
export function fieldErrorMap(): FieldErrors {
  return Object.create(null);
}

/**
 * Field path → first message of a zod error; `where` names the root (`body`, `query` …).
 * A key a closed object does not take gets its own entry (`unknown` words it).
 */
export function fieldErrors(error: z.ZodError, where?: string, unknown = UNKNOWN_FIELD): FieldErrors {
  const fields = fieldErrorMap();
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        const path = [...issue.path, key].map(String).join(".");
        fields[path] ??= unknown(path);
      }
      continue;
    }
    const path = issue.path.map(String).join(".") || where || "(root)";
    fields[path] ??= issue.message;
  }
  return fields;
}
