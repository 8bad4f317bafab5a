/** @jsxImportSource hono/jsx */
import type { Child } from "hono/jsx";
import { FilterFields, type FilterFieldsProps } from "./filter-fields.tsx";
import { SubmitButton } from "./submit-button.tsx";

/** Props of a list's filter bar. */
export interface FilterBarProps extends FilterFieldsProps {
  /** What the search region is called (read by screen readers). */
  label: string;
  /** The list's page: the form GETs it with the filters. */
  action: string;
  id?: string;
  /** The apply button's content, and its test id. */
  apply: Child;
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
  const { filters, errors, items } = props;
  return (
    <search aria-label={props.label}>
      <form method="get" action={props.action} class="filter-bar" id={props.id}>
        <FilterFields filters={filters} errors={errors} items={items} />
        {props.children}
        <div class="filter-actions">
          <SubmitButton variant="secondary" testid={props.applyTestid}>
            {props.apply}
          </SubmitButton>
          {props.actions}
        </div>
      </form>
    </search>
  );
}
