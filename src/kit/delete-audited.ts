import { eq } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Db } from "../db/client.ts";
import { type AuditInput, writeAudited } from "./audit.ts";

/** Deletes row `id` of `table` for good with its audit `entry` (naming the row), in one transaction. */
export async function deleteAudited<T extends SQLiteTable & { id: SQLiteColumn }>(
  db: Db,
  table: T,
  id: string,
  entry: Omit<AuditInput, "resourceId">,
): Promise<void> {
  await writeAudited(db, { ...entry, resourceId: id }, async (tx) => {
    await tx.delete(table).where(eq(table.id, id));
  });
}
