/** @jsxImportSource hono/jsx */
import type { Child } from "hono/jsx";
import type { ListNames } from "../../src/kit/record-kind.ts";
import type { ViewContext } from "../../src/lib/context.ts";
import { FilterFields, type FilterFieldsProps } from "./filter-fields.tsx";
import { SubmitButton } from "./submit-button.tsx";

/** Props of a list's filter bar. */
export interface FilterBarProps extends FilterFieldsProps {
  view: ViewContext;
  /** The list: the search region is called `<many>.filter.label`; the form `#<one>-filters` GETs its path. */
  list: ListNames;
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
 * shared link all land on the same view), with its fields showing the filters in force.
 */
export function FilterBar(props: FilterBarProps) {
  const { view, list, filters, errors, items } = props;
  return (
    <search aria-label={view.t(`${list.many}.filter.label`)}>
      <form method="get" action={list.path} class="filter-bar" id={`${list.one}-filters`}>
        <FilterFields filters={filters} errors={errors} items={items} />
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
