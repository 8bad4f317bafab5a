/** @jsxImportSource hono/jsx */
import type { Child } from "hono/jsx";
import type { ViewContext } from "../../src/lib/context.ts";
import { parseSortKeys } from "../../src/lib/list-query.ts";

/** One column of a table. */
export interface Column {
  label: string;
  /** Right-aligned (numbers). */
  numeric?: boolean;
  /** The header is for screen readers only (e.g. the row actions column). */
  hideLabel?: boolean;
  /** Extra class of the header cell (rows give their cells the same one, e.g. to hide a column on narrow screens). */
  className?: string;
  /** A sortable column: where its header links to, and how the table is sorted by it now. */
  sort?: { href: string; state: "ascending" | "descending" | "none" };
}

/** Props of a data table. */
export interface DataTableProps {
  /** Accessible name of the table. */
  label: string;
  columns: Column[];
  /** Number of rows; with none, `empty` is shown instead of the table. */
  rowCount: number;
  /** The empty state: one sentence, plus the primary action where there is one. */
  empty: Child;
  /** The <tr> rows. */
  children?: Child;
  testid?: string;
  /** Attributes of the <tbody> (a live table refreshes its rows through them). */
  body?: Record<string, string>;
}

/** A table's header row: one cell a column, labelled, numbers right-aligned, sortable ones linked. */
export function TableHead({ columns }: { columns: Column[] }) {
  return (
    <thead>
      <tr>
        {columns.map((column) => (
          <th
            scope="col"
            class={[column.numeric ? "is-num" : "", column.className ?? ""].join(" ").trim() || undefined}
            aria-sort={column.sort && column.sort.state !== "none" ? column.sort.state : undefined}
          >
            {column.hideLabel ? (
              <span class="visually-hidden">{column.label}</span>
            ) : column.sort ? (
              <a class="sort-link" href={column.sort.href}>
                {column.label}
                <span class="sort-mark" aria-hidden="true">
                  {column.sort.state === "ascending" ? "▲" : column.sort.state === "descending" ? "▼" : ""}
                </span>
              </a>
            ) : (
              column.label
            )}
          </th>
        ))}
      </tr>
    </thead>
  );
}

/**
 * The table of every list page: compact rows, a header that stays in view while the
 * rows scroll, horizontal scrolling on narrow screens, an empty-state sentence when
 * there is nothing to list.
 */
export function DataTable({ label, columns, rowCount, empty, children, testid, body }: DataTableProps) {
  if (rowCount === 0) {
    return (
      <div class="empty-state" data-testid={testid ? `${testid}-empty` : undefined}>
        {empty}
      </div>
    );
  }
  return (
    <div class="table-wrap">
      <table class="table" aria-label={label} data-testid={testid}>
        <TableHead columns={columns} />
        <tbody {...body}>{children}</tbody>
      </table>
    </div>
  );
}

/**
 * The one row of a table that lists nothing: `children` (a sentence, maybe a link) across its
 * `columns`. The table stays, so a live table's rows can still come in; on a phone, where the
 * table scrolls sideways, the sentence starts at the left and stays in view.
 */
export function TableEmptyRow({
  columns,
  testid,
  children,
}: {
  columns: number;
  testid: string;
  children: Child;
}) {
  return (
    <tr>
      <td colspan={columns} class="table-empty" data-testid={testid}>
        <span class="table-empty-text">{children}</span>
      </td>
    </tr>
  );
}

/**
 * The table of a list named by its messages' namespace `many` (`rules`): labelled by
 * `<many>.title`, test id `<many>-table`, `<many>.empty` when it has no rows, and its columns
 * labelled `<many>.col.<name>` (`columnsOf`).
 */
export function namedTable(
  view: ViewContext,
  many: string,
  rowCount: number,
  columns: readonly NamedColumn[],
): Pick<DataTableProps, "label" | "testid" | "rowCount" | "empty" | "columns"> {
  return {
    label: view.t(`${many}.title`),
    testid: `${many}-table`,
    rowCount,
    empty: <p>{view.t(`${many}.empty`)}</p>,
    columns: columnsOf(view, `${many}.col`, columns),
  };
}

/** A column named in `columnsOf`: its name, or its name with the rest of its settings. */
export type NamedColumn = string | ({ name: string } & Omit<Column, "label">);

/**
 * The columns labelled `<prefix>.<name>`, in order; the column named `actions` is the row
 * actions column, its header for screen readers only.
 */
export function columnsOf(view: ViewContext, prefix: string, columns: readonly NamedColumn[]): Column[] {
  return columns.map((column) => {
    const { name, ...rest } = typeof column === "string" ? { name: column } : column;
    return {
      label: view.t(`${prefix}.${name}`),
      ...(name === "actions" ? { hideLabel: true } : {}),
      ...rest,
    };
  });
}

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
