import { count, type SQL } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import type { RecordReader } from "./record-lookup.ts";

/** How many rows of `table` match `where` (every row without one), read by the database or a write transaction. */
export async function countRows(db: RecordReader, table: SQLiteTable, where?: SQL): Promise<number> {
  const [row] = await db.select({ n: count() }).from(table).where(where);
  return row?.n ?? 0;
}
