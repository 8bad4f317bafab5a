import { and, eq, isNull, type SQL } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable, SQLiteUpdateSetSource } from "drizzle-orm/sqlite-core";
import type { Db } from "../db/client.ts";
import { NotFound } from "../lib/errors.ts";
import type { Actor } from "./actor.ts";
import { type AuditInput, type RequestFacts, writeAudited } from "./audit.ts";
import { assertCan, type Resource } from "./rbac.ts";

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

/** What one kind of credential's revocation is (see {@link credentialRevocation}). */
export interface CredentialRevocation<T extends RevocableTable, D extends { db: Db }> {
  /** The resource whose `delete` permission it takes. */
  resource: Resource;
  /** The audit entry's action (`host.revoke`) and resource type. */
  action: string;
  resourceType: string;
  table: T;
  /** The 404's message when there is no such credential not revoked yet. */
  missing: string;
  /** Columns set besides `revokedAt`. */
  set?: SQLiteUpdateSetSource<T>;
  /** Only the credentials `actor` owns count (their owner column is the actor's). */
  ownedBy?: (actor: Actor) => SQL;
  /** Once committed: what follows the revocation outside the database (the live connections closing). */
  revoked?: (deps: D, actor: Actor, id: string) => void;
}

/**
 * The revocation of a kind of credential by id (whoever may `delete` its resource): set
 * revoked with its audit entry as {@link revokeAudited} does, then `revoked` called.
 */
export function credentialRevocation<T extends RevocableTable, D extends { db: Db }>(
  kind: CredentialRevocation<T, D>,
) {
  return async (deps: D, actor: Actor, id: string, request?: RequestFacts): Promise<void> => {
    assertCan(actor, "delete", kind.resource);
    const entry = { actor, action: kind.action, resourceType: kind.resourceType, resourceId: id, request };
    await revokeAudited(deps.db, entry, kind.table, kind.missing, {
      where: kind.ownedBy?.(actor),
      set: kind.set,
    });
    kind.revoked?.(deps, actor, id);
  };
}
