import { and, eq, isNull, type SQL } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable, SQLiteUpdateSetSource } from "drizzle-orm/sqlite-core";
import type { Db } from "../db/client.ts";
import { NotFound } from "../lib/errors.ts";
import { type AuditInput, writeAudited } from "./audit.ts";

/** A table of credentials that are revoked (`revokedAt` set) rather than deleted. */
export type RevocableTable = SQLiteTable & { id: SQLiteColumn; revokedAt: SQLiteColumn };

/**
 * Revokes the credential of `table` that `entry` names (`resourceId`): sets its `revokedAt`
 * to now (and `set`), audited by `entry` in the same transaction. Only one not revoked yet
 * (and matching `where`, an owner) counts: 404 saying `missing` otherwise.
 */
export async function revokeAudited<T extends RevocableTable>(
  db: Db,
  entry: AuditInput & { resourceId: string },
  table: T,
  missing: string,
  options: { where?: SQL; set?: SQLiteUpdateSetSource<T> } = {},
): Promise<void> {
  await writeAudited(db, entry, async (tx) => {
    const done = await tx
      .update(table)
      .set({ revokedAt: Date.now(), ...options.set } as SQLiteUpdateSetSource<T>)
      .where(and(eq(table.id, entry.resourceId), options.where, isNull(table.revokedAt)))
      .returning({ id: table.id });
    if (done.length === 0) throw new NotFound(missing);
  });
}
