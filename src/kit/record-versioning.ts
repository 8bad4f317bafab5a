import { and, eq, isNull, type SQL, sql } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable, SQLiteUpdateSetSource } from "drizzle-orm/sqlite-core";
import { z } from "zod";
import type { Db } from "../db/client.ts";
import { AppError, Conflict } from "../lib/errors.ts";

/** A table whose rows carry an optimistic-concurrency `version` (and may be soft-deleted). */
export type VersionedTable = SQLiteTable & {
  id: SQLiteColumn;
  version: SQLiteColumn;
  updatedAt: SQLiteColumn;
  deletedAt?: SQLiteColumn;
};

/**
 * The `version` field of a change: the version the client read (optional in the schema;
 * `requireVersion` refuses an edit without it). `description` is what the API docs say.
 */
export function versionField(
  description = "The version read (or send it as If-Match); a stale one is refused with 409",
) {
  return z.number().int().min(1).optional().describe(description);
}

/**
 * The version a change was made against, or 428 when none was sent: without it a change
 * made meanwhile would be overwritten.
 */
export function requireVersion(version: number | undefined): number {
  if (version === undefined)
    throw new AppError(
      428,
      "precondition_required",
      "Version required",
      "Send the version you read, as the field version or an If-Match header, so a change made meanwhile is not overwritten.",
    );
  return version;
}

/** The 409 for a change to a `noun` ("incident") made against version `sent` while it is at `now`. */
export function staleVersion(noun: string, now: number, sent: number): Conflict {
  return new Conflict(
    `The ${noun} was changed by someone else (now version ${now}, you sent ${sent}). Reload it and apply your change again.`,
  );
}

/**
 * The version `sent` with a change to a `noun` stored at version `stored`: 428 when none was
 * sent (see {@link requireVersion}), 409 when it is not the stored one.
 */
export function currentVersion(noun: string, stored: number, sent: number | undefined): number {
  const version = requireVersion(sent);
  if (version !== stored) throw staleVersion(noun, stored, version);
  return version;
}

/** True when the row `id` of `table` is at `version` and (where rows are soft-deleted) not deleted. */
export function isAtVersion(table: VersionedTable, id: string, version: number): SQL | undefined {
  return and(
    eq(table.id, id),
    eq(table.version, version),
    table.deletedAt ? isNull(table.deletedAt) : undefined,
  );
}

/**
 * Writes `set` to row `id` of `table` only if it is still at `version` (and not deleted),
 * bumping the version and `updatedAt`: one conditional UPDATE … RETURNING. False when
 * nothing was written; the caller says why (404 or 409).
 */
export async function writeIfCurrent<T extends VersionedTable>(
  db: Pick<Db, "update">,
  table: T,
  target: { id: string; version: number },
  set: SQLiteUpdateSetSource<T>,
): Promise<boolean> {
  const bumped = { ...set, updatedAt: Date.now(), version: sql`${table.version} + 1` };
  const written = await db
    .update(table)
    .set(bumped)
    .where(isAtVersion(table, target.id, target.version))
    .returning({ id: table.id });
  return written.length > 0;
}
