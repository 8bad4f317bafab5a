import type { FieldErrors } from "../lib/errors.ts";
import { techniqueList } from "../lib/technique-ids.ts";
import { fromLocalInput, toLocalInput } from "./zoned-day.ts";

/*
 * A record form's fields declared once (a `RecordFormSpec`'s `fields`, beside the items that
 * draw them), each with how the record shows in it and how what was typed becomes the
 * service's input: reading a post, the edit form's values and the service's input all follow
 * from the one declaration.
 */

/** A value typed that only the page can tell is wrong (a date that is not one), with its message. */
export class Unreadable {
  constructor(readonly message: string) {}
}

/** One field of a record form. */
export interface FormField<R> {
  /** The record's value as the field shows it (in the viewer's time zone where it is a time). */
  show: (record: R, timeZone: string) => string;
  /** What was typed as the service's input (`Unreadable` when only the page can tell it is wrong). */
  input: (typed: string, timeZone: string) => unknown;
  /**
   * It shows less than is stored (a time to the minute, a day): an edit leaves it out while
   * it is as shown, so a save of other fields does not move the stored value.
   */
  coarse?: true;
}

/** A record form's fields by name, in the form's order. */
export type RecordFields<R> = Record<string, FormField<R>>;

/** A text field, given to the service as typed. */
export const text = <R>(get: (record: R) => string | null): FormField<R> => ({
  show: (record) => get(record) ?? "",
  input: (typed) => typed,
});

/** An optional choice: blank is "not given" (the schema's default, or unchanged). */
export const choice = <R>(get: (record: R) => string): FormField<R> => ({
  show: get,
  input: (typed) => typed || undefined,
});

/** A field that may be emptied (a person, a choice with "none"): blank is null. */
export const nullable = <R>(get: (record: R) => string | null | undefined): FormField<R> => ({
  show: (record) => get(record) ?? "",
  input: (typed) => typed || null,
});

/** A checkbox: ticked is `"on"`. */
export const checkbox = <R>(get: (record: R) => boolean): FormField<R> => ({
  show: (record) => (get(record) ? "on" : ""),
  input: (typed) => typed === "on",
});

/** A list typed as text (items separated by line breaks, spaces or commas), shown joined by `separator`. */
export const list = <R>(get: (record: R) => readonly string[], separator = " "): FormField<R> => ({
  show: (record) => get(record).join(separator),
  input: (typed) => typed.split(/[\s,]+/).filter(Boolean),
});

/** ATT&CK technique ids separated by spaces or commas. */
export const techniques = <R>(get: (record: R) => readonly { attackId: string }[]): FormField<R> => ({
  show: (record) =>
    get(record)
      .map((x) => x.attackId)
      .join(" "),
  input: techniqueList,
});

/** An optional `datetime-local` field, read in the viewer's time zone: blank is "not given". */
export const localTime = <R>(get: (record: R) => number): FormField<R> => ({
  coarse: true,
  show: (record, timeZone) => toLocalInput(get(record), timeZone),
  input: (typed, timeZone) => {
    if (!typed) return undefined;
    return fromLocalInput(typed, timeZone) ?? new Unreadable("Enter a date and time.");
  },
});

/** The posted fields and the version edited, as typed (a missing one blank). */
export function readFields<R>(fields: RecordFields<R>, form: Record<string, string>): Record<string, string> {
  return Object.fromEntries([...Object.keys(fields), "version"].map((name) => [name, form[name] ?? ""]));
}

/** A stored record's edit form: each field as it shows the record, and the version edited. */
export function currentFields<R extends { version: number }>(
  fields: RecordFields<R>,
  record: R,
  timeZone: string,
): Record<string, string> {
  const values = Object.entries(fields).map(([name, field]) => [name, field.show(record, timeZone)]);
  return { ...Object.fromEntries(values), version: String(record.version) };
}

/**
 * What was typed as the service's input, and the problems only the page sees (reported with
 * the schema's). Editing `record`, a `coarse` field still as the form showed it is left out.
 */
export function fieldsInput<R>(
  fields: RecordFields<R>,
  values: Record<string, string>,
  timeZone: string,
  record?: R,
): { input: Record<string, unknown>; more: FieldErrors } {
  const input: Record<string, unknown> = {};
  const more: FieldErrors = {};
  for (const [name, field] of Object.entries(fields)) {
    const typed = values[name] ?? "";
    if (record && field.coarse && typed === field.show(record, timeZone)) continue;
    const value = field.input(typed, timeZone);
    if (value instanceof Unreadable) more[name] = value.message;
    else input[name] = value;
  }
  return { input, more };
}
