/** @jsxImportSource hono/jsx */
import type { Child } from "hono/jsx";
import type { ListNames } from "../../src/kit/record-kind.ts";
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
import { SubmitButton } from "./submit-button.tsx";

/** Props of a list's filter bar. */
export interface FilterBarProps {
  view: ViewContext;
  /** The list: the search region is called `<many>.filter.label`; the form `#<one>-filters` GETs its path. */
  list: ListNames;
  /** The list's filters as read from its URL. */
  filters: object;
  /** The filters the URL got wrong, named beside their field. */
  errors: FieldErrors;
  /** The fields, described as data (a search box, selects whose first choice is "any" …). */
  items: FormItem[];
  /** The apply button's content ("Apply" unless given), and its test id. */
  apply?: Child;
  applyTestid?: string;
  /** Hidden inputs that keep the list's other settings (its sort …) when filtering. */
  children?: Child;
  /** After the apply button (a link clearing the filters). */
  actions?: Child;
}

/**
 * A list's filter bar: a GET form, so the filters live in the URL (reload, back and a
 * shared link all land on the same view), with its fields showing the filters in force
 * (an unset one as empty: "any").
 */
export function FilterBar(props: FilterBarProps) {
  const { view, list, items } = props;
  const set = props.filters as Record<string, unknown>;
  const values: Record<string, string> = {};
  for (const { name } of fieldsOf(items)) values[name] = set[name] === undefined ? "" : String(set[name]);
  return (
    <search aria-label={view.t(`${list.many}.filter.label`)}>
      <form method="get" action={list.path} class="filter-bar" id={`${list.one}-filters`}>
        <FormFields form={{ values, errors: props.errors }} items={items} focus="none" />
        {props.children}
        <div class="filter-actions">
          <SubmitButton variant="secondary" testid={props.applyTestid}>
            {props.apply ?? view.t("processes.filter.apply")}
          </SubmitButton>
          {props.actions}
        </div>
      </form>
    </search>
  );
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

/** A select filter `name` of a list, labelled `<many>.filter.<name>`. */
export function selectFilter(view: ViewContext, many: string, name: string, options: Choice[]): FormItem {
  return { kind: "select", name, label: view.t(`${many}.filter.${name}`), options };
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
