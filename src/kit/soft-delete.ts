import { isNotNull, isNull, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { z } from "zod";
import type { Actor } from "./actor.ts";
import { assertCan, type Resource } from "./rbac.ts";
import type { SoftDeletableTable } from "./record-lookup.ts";

/** A table of versioned records that are deleted by setting `deletedAt` (and can be restored). */
export type SoftDeleteTable = SoftDeletableTable & {
  version: SQLiteColumn;
  $inferSelect: { version: number; deletedAt: number | null };
};

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
