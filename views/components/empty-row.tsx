/** @jsxImportSource hono/jsx */
import type { ViewContext } from "../../src/lib/context.ts";
import type { RecordKind } from "./record-kind.ts";

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

/** The one row of a record table that lists nothing, offering to clear the filters when some are set. */
export function EmptyRow({ view, kind, columns, filtered, clearHref }: EmptyRowProps) {
  const { t } = view;
  const { many } = kind;
  return (
    <tr>
      <td colspan={columns} class="table-empty" data-testid={`${many}-empty`}>
        {filtered ? t(`${many}.emptyFiltered`) : t(`${many}.empty`)}{" "}
        {filtered ? <a href={clearHref}>{t(`${many}.clearFilters`)}</a> : null}
      </td>
    </tr>
  );
}
