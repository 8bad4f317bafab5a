import type { InferInsertModel } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Db } from "../db/client.ts";
import { type AuditInput, writeAudited } from "./audit.ts";

/** Inserts a new `row` into `table` with its audit `entry` (naming the row), in one transaction. */
export async function insertAudited<T extends SQLiteTable>(
  db: Db,
  table: T,
  row: InferInsertModel<T> & { id: string },
  entry: Omit<AuditInput, "resourceId">,
): Promise<void> {
  await writeAudited(db, { ...entry, resourceId: row.id }, async (tx) => {
    await tx.insert(table).values(row);
  });
}
