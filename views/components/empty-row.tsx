/** @jsxImportSource hono/jsx */
import type { Child } from "hono/jsx";

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
