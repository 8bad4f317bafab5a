import type { z } from "zod";
import { type FieldErrors, Validation } from "./errors.ts";

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
 * A key a closed object does not take gets its own entry (`unknown` words it). Given the parsed
 * `input`, a number read from text (`z.coerce.number()` of a query or form) that is missing or
 * not a number is said so, in place of zod's "expected number, received NaN".
 */
export function fieldErrors(
  error: z.ZodError,
  where?: string,
  unknown = UNKNOWN_FIELD,
  input?: unknown,
): FieldErrors {
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
    fields[path] ??= notANumber(issue, input) ?? issue.message;
  }
  return fields;
}

/** What is wrong with a number coerced from text (NaN): absent, or given text that is no number. */
function notANumber(issue: z.core.$ZodIssue, input: unknown): string | undefined {
  if (input === undefined || issue.code !== "invalid_type" || issue.expected !== "number") return undefined;
  if (!issue.message.endsWith("received NaN")) return undefined;
  let given: unknown = input;
  for (const key of issue.path)
    given =
      typeof given === "object" && given !== null ? (given as Record<PropertyKey, unknown>)[key] : undefined;
  if (given === undefined || given === "") return "Required: give a number.";
  return typeof given === "string" ? `Expected a number, got "${given}".` : undefined;
}

/** Why a text with a NUL character is refused: the database would keep only what comes before it. */
export const NUL_IN_TEXT = "Text cannot contain a NUL character.";

/**
 * The dotted path of the first string (or object key) in `value` that holds a NUL character
 * ("" for `value` itself), or null when there is none. Walked without recursion: a body may
 * nest deeper than the call stack goes.
 */
export function nulPath(value: unknown): string | null {
  const pending: [unknown, string][] = [[value, ""]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [item, path] = next;
    if (typeof item === "string") {
      if (item.includes("\0")) return path;
      continue;
    }
    if (typeof item !== "object" || item === null) continue;
    // Reversed onto the stack, so the first field is looked at first.
    for (const [key, inner] of Object.entries(item).reverse()) {
      const at = path ? `${path}.${key}` : key;
      if (key.includes("\0")) return at;
      pending.push([inner, at]);
    }
  }
  return null;
}

/**
 * @throws Validation naming the first field of `input` (`where` for the input as a whole) whose
 * text holds a NUL character.
 */
export function refuseNul(input: unknown, where: string): void {
  const at = nulPath(input);
  if (at === null) return;
  const fields = fieldErrorMap();
  fields[at || where] = NUL_IN_TEXT;
  throw new Validation(fields);
}
