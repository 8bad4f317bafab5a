/** @jsxImportSource hono/jsx */
import type { Child } from "hono/jsx";
import type { RecordKind } from "../../src/kit/record-kind.ts";
import type { RecordPage } from "../../src/kit/record-list.ts";
import type { ViewContext } from "../../src/lib/context.ts";
import type { Page } from "../../src/lib/list-query.ts";
import { DataTable, type SortSpec, sortColumns, TableEmptyRow, TableHead } from "./data-table.tsx";
import { type LiveRowsSource, liveBody } from "./live-rows.tsx";
import { type PageLinks, Pagination } from "./pagination.tsx";
import type { ListFilters, ListUrls } from "./query-string.ts";

/** What a cell is drawn with besides its record. */
export interface CellContext {
  view: ViewContext;
  /** The list shows deleted records (titles offer a restore instead of a link). */
  deleted: boolean;
}

/**
 * One column of a record table, as its module declares it: the header (sort key, message
 * key under `<many>.col.`, phone visibility) and how a record fills its cell.
 */
export interface RecordColumn<T> extends SortSpec {
  /** Class of the cell (`nowrap`, `is-num num` …); an optional column's cells also get `col-opt`. */
  class?: string;
  /** Test id of the cell. */
  testid?: string;
  cell: (item: T, ctx: CellContext) => Child;
}

/** A record module's table: its kind, its list URLs and its columns in order. */
export interface RecordTableSpec<T extends { id: string }, F extends ListFilters> {
  kind: RecordKind;
  urls: ListUrls<F>;
  columns: readonly RecordColumn<T>[];
  /** Class of a record's row (`is-overdue` …). */
  rowClass?: (item: T) => string | undefined;
}

/** Props of a record table's rows. */
export interface RecordRowsProps<T extends { id: string }, F extends ListFilters> {
  view: ViewContext;
  table: RecordTableSpec<T, F>;
  items: readonly T[];
  filters: F;
}

/** The class of a column's cells (`col-opt` last on an optional one). */
function cellClass(column: RecordColumn<unknown>): string | undefined {
  return [column.class, column.optional ? "col-opt" : undefined].filter(Boolean).join(" ") || undefined;
}

/**
 * A record table's rows (the table's body, and the answer of each live refresh): one row a
 * record (`<one>-<id>`), a cell a column; with none, one row saying so that offers to clear
 * the filters when some are set.
 */
export function RecordRows<T extends { id: string }, F extends ListFilters>({
  view,
  table,
  items,
  filters,
}: RecordRowsProps<T, F>) {
  const { kind, urls, columns } = table;
  const { t } = view;
  if (items.length === 0) {
    const filtered = urls.filtered(filters);
    return (
      <TableEmptyRow columns={columns.length} testid={`${kind.many}-empty`}>
        {filtered ? t(`${kind.many}.emptyFiltered`) : t(`${kind.many}.empty`)}{" "}
        {filtered ? <a href={urls.cleared(filters, { page: 1 })}>{t(`${kind.many}.clearFilters`)}</a> : null}
      </TableEmptyRow>
    );
  }
  const ctx: CellContext = { view, deleted: filters.deleted === "only" };
  return (
    <>
      {items.map((item) => (
        <tr id={`${kind.one}-${item.id}`} class={table.rowClass?.(item)}>
          <RecordCells columns={columns} item={item} ctx={ctx} />
        </tr>
      ))}
    </>
  );
}

/** A record's cells, a column each. */
export function RecordCells<T>({
  columns,
  item,
  ctx,
}: {
  columns: readonly RecordColumn<T>[];
  item: T;
  ctx: CellContext;
}) {
  return (
    <>
      {columns.map((column) => (
        <td class={cellClass(column as RecordColumn<unknown>)} data-testid={column.testid}>
          {column.cell(item, ctx)}
        </td>
      ))}
    </>
  );
}

/** Props of a table of records that is not a list page (a record's related records). */
export interface RelatedTableProps<T> {
  view: ViewContext;
  /** The namespace of the headers' messages (`<many>.col.<label>`). */
  many: string;
  columns: readonly RecordColumn<T>[];
  items: readonly T[];
  testid: string;
}

/** The records related to a record's page in a table of `columns`, headers that do not sort. */
export function RelatedTable<T>({ view, many, columns, items, testid }: RelatedTableProps<T>) {
  const ctx: CellContext = { view, deleted: false };
  return (
    <div class="table-wrap">
      <table class="table" data-testid={testid}>
        <TableHead
          columns={columns.map((column) => ({
            label: view.t(`${many}.col.${column.label}`),
            numeric: column.numeric,
          }))}
        />
        <tbody>
          {items.map((item) => (
            <tr>
              <RecordCells columns={columns} item={item} ctx={ctx} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A page of a record list: read by number, or by cursor (`RecordPage`, its `page` the number shown). */
export type ShownPage<T> = Page<T> & Partial<Pick<RecordPage<T>, "nextCursor" | "previousCursor">>;

/**
 * The links of a page read by cursor: the next after its last row, the previous before its
 * first, each with the number it shows (`n`); the first page without a cursor.
 */
function cursorLinks<F extends ListFilters>(
  urls: ListUrls<F>,
  filters: F,
  page: ShownPage<unknown>,
): PageLinks {
  const { previousCursor, nextCursor } = page;
  const n = page.page;
  return {
    // Any page read by a cursor offers the first (even one left empty by deletions before it).
    first: previousCursor || filters.cursor || filters.before ? urls.href(filters, { page: 1 }) : null,
    previous: previousCursor
      ? urls.href(filters, { page: 1, before: previousCursor, n: Math.max(1, n - 1) })
      : null,
    next: nextCursor ? urls.href(filters, { page: 1, cursor: nextCursor, n: n + 1 }) : null,
  };
}

/** Props of a record table. */
export interface RecordTableProps<T extends { id: string }, F extends ListFilters> {
  view: ViewContext;
  table: RecordTableSpec<T, F>;
  page: ShownPage<T>;
  filters: F;
  /** The live refresh the rows follow (the <tbody> takes its attributes). */
  live?: LiveRowsSource;
}

/**
 * A record list's table: the sortable headers (each links to the list in its next order,
 * back on page one), the rows, then the pages.
 */
export function RecordTable<T extends { id: string }, F extends ListFilters>({
  view,
  table,
  page,
  filters,
  live,
}: RecordTableProps<T, F>) {
  const { t } = view;
  const { kind, urls } = table;
  return (
    <>
      <div class="fits-narrow" id={`${kind.one}-table`}>
        <DataTable
          label={t(`${kind.many}.title`)}
          testid={`${kind.many}-table`}
          rowCount={1}
          empty={null}
          columns={sortColumns(
            table.columns,
            filters.sort,
            (label) => t(`${kind.many}.col.${label}`),
            (sort) => urls.href(filters, { sort, page: 1 }),
          )}
          body={live ? liveBody(live) : undefined}
        >
          <RecordRows view={view} table={table} items={page.items} filters={filters} />
        </DataTable>
      </div>
      {page.nextCursor !== undefined ? (
        <Pagination view={view} of={page} links={cursorLinks(urls, filters, page)} />
      ) : (
        <Pagination view={view} of={page} hrefFor={(n) => urls.href(filters, { page: n })} />
      )}
    </>
  );
}
