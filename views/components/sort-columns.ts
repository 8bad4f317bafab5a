import { parseSortKeys } from "../../src/lib/list-query.ts";
import type { Column } from "./data-table.tsx";

/** One column of a record list, as its module declares it. */
export interface SortSpec {
  /** The sort key its header sorts by; null: not sortable. */
  key: string | null;
  /** The message key of its header. */
  label: string;
  /** Hidden on narrow screens. */
  optional?: boolean;
  /** The first click sorts descending (the latest, the most severe first). */
  descendingFirst?: boolean;
  /** Right-aligned (numbers). */
  numeric?: boolean;
  /** The header is for screen readers only (a column of checkboxes). */
  hideLabel?: boolean;
}

/**
 * The header cells of a list sorted by `sort`: each sortable header links to `hrefFor` of
 * its next order (the other direction when it is the sort now, else its first direction)
 * and says how the list is sorted by it.
 */
export function sortColumns(
  specs: readonly SortSpec[],
  sort: string,
  label: (key: string) => string,
  hrefFor: (sort: string) => string,
): Column[] {
  const [first] = parseSortKeys<string>(sort);
  return specs.map(({ key, label: labelKey, optional, descendingFirst, numeric, hideLabel }) => {
    const state = first?.key === key ? (first.descending ? "descending" : "ascending") : "none";
    const descending = state === "none" ? Boolean(descendingFirst) : state === "ascending";
    return {
      label: label(labelKey),
      className: optional ? "col-opt" : undefined,
      numeric,
      hideLabel,
      sort: key ? { href: hrefFor(descending ? `-${key}` : key), state } : undefined,
    };
  });
}
