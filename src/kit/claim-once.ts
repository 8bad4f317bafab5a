import { and, eq, getTableColumns, isNull } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Db } from "../db/client.ts";

/**
 * Claims row `id` of `table` for a one-time action (a reminder, a notification) by setting
 * its `marker` column to `at` while it is still unset: one conditional UPDATE, so two
 * checks running at once never act twice. True when this call claimed it.
 */
export async function claimOnce(
  db: Pick<Db, "update">,
  table: SQLiteTable & { id: SQLiteColumn },
  id: string,
  marker: SQLiteColumn,
  at: number,
): Promise<boolean> {
  const key = Object.entries(getTableColumns(table)).find(([, column]) => column === marker)?.[0];
  if (!key) throw new Error(`${marker.name} is not a column of the table claimed.`);
  const claimed = await db
    .update(table)
    .set({ [key]: at } as never)
    .where(and(eq(table.id, id), isNull(marker)))
    .returning({ id: table.id });
  return claimed.length > 0;
}
