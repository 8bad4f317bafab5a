import type { z } from "zod";
import type { FieldErrors } from "./errors.ts";

/** Field path → first message of a zod error; `where` names the root (`body`, `query` …). */
export function fieldErrors(error: z.ZodError, where?: string): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join(".") || where || "(root)";
    fields[path] ??= issue.message;
  }
  return fields;
}
