/** @jsxImportSource hono/jsx */
import type { ViewContext } from "../../src/lib/context.ts";
import type { FieldErrors } from "../../src/lib/errors.ts";
import type { Translate } from "../../src/lib/i18n.ts";
import {
  type Choice,
  choices,
  FormFields,
  type FormItem,
  fieldsOf,
  type PersonSelect,
  personSelect,
  type ValueLabels,
  valueLabels,
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

/** A list's filter builders, bound to its view and kind: given to `RecordList`'s `fields`. */
export interface FilterBuilders {
  t: Translate;
  /**
   * A select of one of `values`, "any" (`<many>.filter.any`) and `more` first; labelled
   * `<many>.<section>.<label>` (`label`: `name`, `section`: `filter` unless given), each value
   * `<many>.<label>.<value>` unless `labels` says otherwise.
   */
  choice: (
    name: string,
    values: readonly string[],
    spec?: { label?: string; labels?: ValueLabels; more?: Choice[]; section?: "field" | "filter" },
  ) => FormItem;
  /** A select of people (assignee, owner): anyone, nobody (`none`), then each by name. */
  person: (name: string, people: readonly { id: string; name: string }[], spec: PersonSelect) => FormItem;
}

/** The filter builders of a list of `many`, bound to `view` (see {@link FilterBuilders}). */
export function filterBuilders(view: ViewContext, many: string): FilterBuilders {
  const { t } = view;
  return {
    t,
    choice: (name, values, { label = name, labels, more = [], section = "filter" } = {}) => ({
      kind: "select",
      name,
      label: t(`${many}.${section}.${label}`),
      options: choices(
        [{ value: "", label: t(`${many}.filter.any`) }, ...more],
        values,
        valueLabels(view, many, label, labels),
      ),
    }),
    person: (name, people, spec) => personSelect(view, many, name, people, spec, "filter"),
  };
}
