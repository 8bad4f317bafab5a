import { BadRequest } from "./errors.ts";

/**
 * `decodeURIComponent`, answering 400 instead of throwing a `URIError` (a 500) when `text`
 * holds a malformed percent-encoding (`%`, `%E0%A4%A`, a lone surrogate's bytes).
 * @throws BadRequest naming what is wrong.
 */
export function decodeComponent(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new BadRequest(
      "The address holds a malformed percent-encoding (a % not followed by valid UTF-8 bytes).",
    );
  }
}
