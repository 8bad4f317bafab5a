import { eq, type InferInsertModel } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable, SQLiteUpdateSetSource } from "drizzle-orm/sqlite-core";
import type { Db } from "../db/client.ts";
import { type AuditInput, writeAudited } from "./audit.ts";
import { deletedChanges } from "./record-changes.ts";

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

/** A table whose rows are written without the record kit's versions: an id and when a row last changed. */
type PlainTable = SQLiteTable & { id: SQLiteColumn; updatedAt: SQLiteColumn };

/** Sets `values` (and `updatedAt` now) on row `id` of `table` with its audit `entry` (naming the row), in one transaction. */
export async function updateAudited<T extends PlainTable>(
  db: Db,
  table: T,
  id: string,
  values: SQLiteUpdateSetSource<T>,
  entry: Omit<AuditInput, "resourceId">,
): Promise<void> {
  await writeAudited(db, { ...entry, resourceId: id }, async (tx) => {
    await tx
      .update(table)
      .set({ ...values, updatedAt: Date.now() })
      .where(eq(table.id, id));
  });
}

/**
 * Deletes row `id` of `table` for good with its audit `entry` (naming the row, its changes
 * each of `kept`, what the entry keeps of the row, from its value to null), in one transaction.
 */
export async function deleteAudited<T extends SQLiteTable & { id: SQLiteColumn }>(
  db: Db,
  table: T,
  id: string,
  kept: Record<string, unknown>,
  entry: Omit<AuditInput, "resourceId" | "changes">,
): Promise<void> {
  await writeAudited(db, { ...entry, resourceId: id, changes: deletedChanges(kept) }, async (tx) => {
    await tx.delete(table).where(eq(table.id, id));
  });
}
