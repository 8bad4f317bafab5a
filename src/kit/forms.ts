import type { Context } from "hono";
import type { z } from "zod";
import { type AppError, type FieldErrors, Validation } from "../lib/errors.ts";
import type { Translate } from "../lib/i18n.ts";
import { fieldErrorMap, fieldErrors, refuseNul } from "../lib/validation.ts";

/**
 * The text fields of a posted form (`application/x-www-form-urlencoded` or multipart); files
 * are ignored.
 * @throws Validation naming a field whose text holds a NUL character.
 */
export async function readForm(c: Context): Promise<Record<string, string>> {
  const body = await c.req.parseBody();
  // No prototype: a field named `__proto__` or `constructor` is a field like any other.
  const form: Record<string, string> = Object.create(null);
  for (const [name, value] of Object.entries(body)) if (typeof value === "string") form[name] = value;
  refuseNul(form, "form");
  return form;
}

/** Every value of each of the repeated fields `names` (a multi-select sends one per choice), in order. */
export async function readFormLists<N extends string>(
  c: Context,
  ...names: N[]
): Promise<Record<N, string[]>> {
  // Hono keeps the parsed form, so reading it again here costs no second parse of the body.
  const body = await c.req.parseBody({ all: true });
  const lists = {} as Record<N, string[]>;
  for (const name of names) {
    const value = body[name];
    const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
    lists[name] = values.filter((v): v is string => typeof v === "string");
  }
  return lists;
}

/**
 * The file posted as `name` (a multipart form), or null when none was chosen. Browsers send
 * an empty part for a file input left empty; an empty file counts as none.
 */
export async function readFormFile(c: Context, name: string): Promise<File | null> {
  const value = (await c.req.parseBody())[name];
  return value instanceof File && value.size > 0 ? value : null;
}

/**
 * Parses form input with a service's zod schema (the same one the JSON API uses).
 * `more` are problems the page found itself (a password confirmation that differs),
 * reported together with the schema's.
 * @throws Validation naming each bad field, as the services do.
 */
export async function parseForm<S extends z.ZodType>(
  schema: S,
  input: unknown,
  more: FieldErrors = {},
): Promise<z.infer<S>> {
  const result = await schema.safeParseAsync(input);
  const errors = Object.assign(
    fieldErrorMap(),
    result.success ? {} : fieldErrors(result.error, undefined, undefined, input),
    more,
  );
  if (!result.success || Object.keys(errors).length > 0) throw new Validation(errors);
  return result.data;
}

/**
 * The field errors of a failed form submission, for showing beside each field. Anything
 * other than a validation error is not the form's business: it goes on to the central
 * error handler. With `t`, the messages are shown in its language where the catalog knows them.
 */
export function formErrors(error: unknown, t?: Translate): FieldErrors {
  if (!(error instanceof Validation)) throw error;
  const errors = fieldErrorMap();
  for (const [path, message] of Object.entries(error.fields)) {
    // An item of a list field (`events.0`: an unknown event) is shown beside the list's field.
    const field = path.replace(/\.\d+$/, "");
    errors[field] ??= t ? t.fieldMessage(message) : message;
  }
  return errors;
}

/**
 * The sentence of a refused action (an error's detail, else its title) for a page, in the
 * viewer's language where the catalog knows it; the API answers with the English one.
 */
export function refusalText(error: AppError, t: Translate): string {
  return t.fieldMessage(error.detail ?? error.title);
}

/** An optional text field: blank means "not given". */
export function optional(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/**
 * A list's filters from the query string. Bad ones are reported (to show beside their
 * field, in `t`'s language where the catalog knows the message) and left out, so the list
 * still shows with the rest.
 */
export function readFilters<S extends z.ZodType>(
  schema: S,
  query: Record<string, string>,
  t?: Translate,
): { filters: z.infer<S>; errors: FieldErrors } {
  const given = Object.fromEntries(Object.entries(query).filter(([, value]) => value !== ""));
  const parsed = schema.safeParse(given);
  if (parsed.success) return { filters: parsed.data, errors: {} };
  const errors = formErrors(new Validation(fieldErrors(parsed.error, undefined, undefined, given)), t);
  const good = Object.fromEntries(Object.entries(given).filter(([key]) => !Object.hasOwn(errors, key)));
  return { filters: schema.parse(good), errors };
}
