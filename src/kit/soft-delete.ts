import { eq, isNotNull, isNull, type SQL, sql } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { z } from "zod";
import type { Db } from "../db/client.ts";
import { Conflict } from "../lib/errors.ts";
import type { Actor } from "./actor.ts";
import type { RequestFacts } from "./audit.ts";
import { assertCan, type Resource } from "./rbac.ts";
import { type ChangeKind, commitChange, type RecordEventDeps } from "./record-events.ts";
import { findRow, type RecordReader, type SoftDeletableTable } from "./record-lookup.ts";

/** A table of versioned records that are deleted by setting `deletedAt` (and can be restored). */
export type SoftDeleteTable = SoftDeletableTable & {
  version: SQLiteColumn;
  $inferSelect: { version: number; deletedAt: number | null };
};

/** Sets `deletedAt` (or clears it) on row `id` and bumps its version. */
async function setDeletedAt(
  db: Pick<Db, "update">,
  table: SoftDeleteTable,
  id: string,
  deletedAt: number | null,
) {
  await db
    .update(table)
    .set({ deletedAt, version: sql`${table.version} + 1` })
    .where(eq(table.id, id));
}

/**
 * Soft-deletes record `id` (404 when there is none or it is deleted already): sets
 * `deletedAt`, bumps the version, audits `<type>.delete` and announces `<type>.deleted`.
 * The caller checks the permission.
 */
export async function softDelete(
  deps: RecordEventDeps,
  table: SoftDeleteTable,
  kind: ChangeKind,
  actor: Actor,
  id: string,
  request?: RequestFacts,
): Promise<void> {
  const before = await findRow(deps.db, table, kind.resourceType, id);
  const change = {
    actor,
    request,
    id,
    action: `${kind.resourceType}.delete`,
    changes: { deletedAt: { before: null, after: "now" } },
    event: `${kind.resourceType}.deleted`,
    data: { version: before.version + 1 },
  };
  await commitChange(deps, kind, change, (tx) => setDeletedAt(tx, table, id, Date.now()));
}

/**
 * Restores the soft-deleted record `id` (404 when there is none, 409 when it is not
 * deleted): clears `deletedAt`, bumps the version, audits `<type>.restore` and announces
 * `<type>.updated`. `check`, when given, may refuse the restore by throwing; it runs with
 * the write and its audit entry in one transaction and must only read the database. The caller checks the
 * permission.
 */
export async function restoreDeleted<T extends SoftDeleteTable>(
  deps: RecordEventDeps,
  table: T,
  kind: ChangeKind,
  actor: Actor,
  id: string,
  request?: RequestFacts,
  check?: (db: RecordReader, row: T["$inferSelect"]) => Promise<void>,
): Promise<void> {
  const row = await findRow(deps.db, table, kind.resourceType, id, true);
  if (row.deletedAt === null) throw new Conflict(`This ${kind.resourceType} is not deleted.`);
  const change = {
    actor,
    request,
    id,
    action: `${kind.resourceType}.restore`,
    changes: { deletedAt: { before: row.deletedAt, after: null } },
    event: `${kind.resourceType}.updated`,
    data: { version: row.version + 1 },
  };
  await commitChange(deps, kind, change, async (tx) => {
    await check?.(tx, row);
    await setDeletedAt(tx, table, id, null);
  });
}

/** The `deleted` filter of a list of soft-deleted `plural` ("incidents"): `exclude` them (default) or show `only` them. */
export function deletedQueryField(plural: string) {
  return z
    .enum(["exclude", "only"])
    .default("exclude")
    .describe(`\`only\`: the deleted ${plural} (admins, to restore them)`);
}

/**
 * The condition of the `deleted` filter on `deletedAt`. Listing `only` the deleted ones
 * needs the permission to delete `resource` (403 otherwise), as restoring them does.
 */
export function deletedCondition(
  actor: Actor,
  resource: Resource,
  deletedAt: SQLiteColumn,
  deleted: "exclude" | "only",
): SQL {
  if (deleted === "exclude") return isNull(deletedAt);
  assertCan(actor, "delete", resource);
  return isNotNull(deletedAt);
}
