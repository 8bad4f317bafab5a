/** @jsxImportSource hono/jsx */
import type { ViewContext } from "../../src/lib/context.ts";
import type { FieldErrors } from "../../src/lib/errors.ts";
import {
  type Choice,
  choices,
  FormFields,
  type FormItem,
  fieldsOf,
  type PersonSelect,
  personField,
} from "./form-fields.tsx";

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

/**
 * The search box `q` of a list, labelled `<many>.filter.q`, with an example as `placeholder`
 * (what it finds is ids, addresses and names: no spellcheck).
 */
export function searchFilter(
  view: ViewContext,
  many: string,
  placeholder?: string,
  maxlength = 200,
): FormItem {
  return {
    kind: "text",
    name: "q",
    type: "search",
    label: view.t(`${many}.filter.q`),
    placeholder,
    spellcheck: false,
    maxlength,
  };
}

/** A select filter `name` of a list, labelled `<many>.filter.<label>` (`label`: `name` unless given). */
export function selectFilter(
  view: ViewContext,
  many: string,
  name: string,
  options: Choice[],
  label = name,
): FormItem {
  return { kind: "select", name, label: view.t(`${many}.filter.${label}`), options };
}

/**
 * A select of one of `values` (each labelled by `labelOf`), "any" (`<many>.filter.any`) and
 * `more` first; labelled `<many>.filter.<label>` (`label`: `name` unless given).
 */
export function choiceFilter(
  view: ViewContext,
  many: string,
  field: { name: string; label?: string; more?: Choice[] },
  values: readonly string[],
  labelOf: (value: string) => string,
): FormItem {
  const any = { value: "", label: view.t(`${many}.filter.any`) };
  return selectFilter(
    view,
    many,
    field.name,
    choices([any, ...(field.more ?? [])], values, labelOf),
    field.label,
  );
}

/** A select of people (assignee, owner) as a filter: anyone, nobody (`none`), then each by name (see `personField`). */
export function personFilter(
  view: ViewContext,
  many: string,
  field: PersonSelect,
  people: readonly { id: string; name: string }[],
): FormItem {
  return personField(view, many, field, people, "filter");
}
