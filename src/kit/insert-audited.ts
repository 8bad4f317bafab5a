import type { InferInsertModel } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Db } from "../db/client.ts";
import { type AuditInput, writeAudited } from "./audit.ts";

/** Inserts a new `row` into `table` with its audit `entry`, in one transaction. */
export async function insertAudited<T extends SQLiteTable>(
  db: Db,
  table: T,
  row: InferInsertModel<T>,
  entry: AuditInput,
): Promise<void> {
  await writeAudited(db, entry, async (tx) => {
    await tx.insert(table).values(row);
  });
}
