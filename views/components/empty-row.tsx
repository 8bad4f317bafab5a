/** @jsxImportSource hono/jsx */
import type { Child } from "hono/jsx";
import type { RecordKind } from "../../src/kit/record-kind.ts";
import type { ViewContext } from "../../src/lib/context.ts";

/** Props of a record table's empty row. */
export interface EmptyRowProps {
  view: ViewContext;
  kind: RecordKind;
  /** How many columns the row spans. */
  columns: number;
  /** True when filters narrow the list: the row then says so and links to `clearHref`. */
  filtered: boolean;
  /** The list without its filters (order and deleted view kept). */
  clearHref: string;
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

/** The one row of a record table that lists nothing, offering to clear the filters when some are set. */
export function EmptyRow({ view, kind, columns, filtered, clearHref }: EmptyRowProps) {
  const { t } = view;
  const { many } = kind;
  return (
    <TableEmptyRow columns={columns} testid={`${many}-empty`}>
      {filtered ? t(`${many}.emptyFiltered`) : t(`${many}.empty`)}{" "}
      {filtered ? <a href={clearHref}>{t(`${many}.clearFilters`)}</a> : null}
    </TableEmptyRow>
  );
}
