/** @jsxImportSource hono/jsx */
import type { FieldErrors } from "../../src/lib/errors.ts";
import { FormFields, type FormItem } from "./form-fields.tsx";

/** Props of a list's filter fields. */
export interface FilterFieldsProps {
  /** The list's filters as read from its URL. */
  filters: object;
  /** The filters the URL got wrong, named beside their field. */
  errors: FieldErrors;
  /** The fields, described as data (a search box, selects whose first choice is "any" …). */
  items: FormItem[];
}

/** The fields of a list's filter bar, showing the filters in the URL (an unset one as empty). */
export function FilterFields({ filters, errors, items }: FilterFieldsProps) {
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(filters)) if (value !== undefined) values[name] = String(value);
  return <FormFields form={{ values, errors }} items={items.map(unsetAsEmpty)} focus="none" />;
}

/** A select shows its empty choice ("any") while its filter is unset. */
function unsetAsEmpty(item: FormItem): FormItem {
  return item?.kind === "select" ? { ...item, fallback: item.fallback ?? "" } : item;
}
