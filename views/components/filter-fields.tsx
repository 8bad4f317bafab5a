/** @jsxImportSource hono/jsx */
import type { FieldErrors } from "../../src/lib/errors.ts";
import { FormFields, type FormItem, fieldsOf } from "./form-fields.tsx";

/** Props of a list's filter fields. */
export interface FilterFieldsProps {
  /** The list's filters as read from its URL. */
  filters: object;
  /** The filters the URL got wrong, named beside their field. */
  errors: FieldErrors;
  /** The fields, described as data (a search box, selects whose first choice is "any" …). */
  items: FormItem[];
}

/** The fields of a list's filter bar, showing the filters in the URL (an unset one as empty: "any"). */
export function FilterFields({ filters, errors, items }: FilterFieldsProps) {
  const set = filters as Record<string, unknown>;
  const values: Record<string, string> = {};
  for (const { name } of fieldsOf(items)) values[name] = set[name] === undefined ? "" : String(set[name]);
  return <FormFields form={{ values, errors }} items={items} focus="none" />;
}
