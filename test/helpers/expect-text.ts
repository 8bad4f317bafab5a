/**
 * Assertions over a text (an HTML page, a log, a mail) that must show, or must not show,
 * several parts: one `toContain` per part, so a failure names the part that is missing.
 */
import { expect } from "bun:test";

/** What a part is looked for in: a text (`undefined` fails), or a list. */
type Subject = string | readonly unknown[] | undefined;

/** Expects `subject` (a text, or a list) to contain each of `parts`. */
export function expectContains(subject: Subject, parts: readonly unknown[]): void {
  for (const part of parts) expect(subject).toContain(part);
}

/** Expects `subject` (a text, or a list) to contain none of `parts`. */
export function expectLacks(subject: Subject, parts: readonly unknown[]): void {
  for (const part of parts) expect(subject).not.toContain(part);
}
