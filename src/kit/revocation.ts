import { and, eq, isNull, type SQL } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable, SQLiteUpdateSetSource } from "drizzle-orm/sqlite-core";
import type { Db } from "../db/client.ts";
import { NotFound } from "../lib/errors.ts";
import type { Actor } from "./actor.ts";
import { type RequestFacts, writeAudited } from "./audit.ts";
import { assertCan, type Resource } from "./rbac.ts";

/** A table of credentials that are revoked (`revokedAt` set) rather than deleted. */
export type RevocableTable = SQLiteTable & { id: SQLiteColumn; revokedAt: SQLiteColumn };

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
 * The revocation of a kind of credential by id (whoever may `delete` its resource): sets its
 * `revokedAt` to now (and `set`) with its audit entry in one transaction, only while it is not
 * revoked yet (and is the actor's, with `ownedBy`): 404 saying `missing` otherwise; then
 * `revoked` is called.
 */
export function credentialRevocation<T extends RevocableTable, D extends { db: Db }>(
  kind: CredentialRevocation<T, D>,
) {
  const { table } = kind;
  return async (deps: D, actor: Actor, id: string, request?: RequestFacts): Promise<void> => {
    assertCan(actor, "delete", kind.resource);
    const entry = { actor, action: kind.action, resourceType: kind.resourceType, resourceId: id, request };
    await writeAudited(deps.db, entry, async (tx) => {
      const done = await tx
        .update(table)
        .set({ revokedAt: Date.now(), ...kind.set } as SQLiteUpdateSetSource<T>)
        .where(and(eq(table.id, id), kind.ownedBy?.(actor), isNull(table.revokedAt)))
        .returning({ id: table.id });
      if (done.length === 0) throw new NotFound(kind.missing);
    });
    kind.revoked?.(deps, actor, id);
  };
}
