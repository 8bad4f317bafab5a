import type { Tx } from "../db/transaction.ts";
import { assertActiveUser } from "./active-user.ts";
import type { Actor } from "./actor.ts";
import type { RequestFacts } from "./audit.ts";
import { assertCan } from "./rbac.ts";
import { commitChange, createdChange, type RecordEventDeps, resourceOf } from "./record-events.ts";
import type { WrittenRecord } from "./record-service.ts";
import type { VersionedTable } from "./record-versioning.ts";

/** What one kind's creation adds to the kit's steps; each is optional. */
export interface RecordCreation<R> {
  /** What the audit entry shows, each from null to its value: all of the values unless given. */
  audited?: Record<string, unknown>;
  /** The creation time stamped on the row (now unless given). */
  at?: number;
  /** More writes of the creation's transaction after the row (a timeline entry, linked rows): database only. */
  also?: (tx: Tx, id: string) => Promise<R>;
  /** Once committed (and announced): what the creation does outside the database, given what `also` answered. */
  committed?: (id: string, written: R) => void;
}

/**
 * Creates a record of a kind (whoever may `create` it; its `person`, when it has one, must be
 * an active user or nobody: 422 on that field): a UUIDv7 id and the times stamped on
 * `values`, the row, the `also` writes and its audit entry `<noun>.create` and search entry
 * in one transaction, then announced as `<noun>.created` and `committed` called. Answers the
 * record as shown.
 */
export async function createRecord<T extends VersionedTable, V, D extends RecordEventDeps, R = void>(
  record: Pick<WrittenRecord<T, V, D>, "table" | "kind" | "findView" | "person">,
  deps: D,
  actor: Actor,
  values: Omit<T["$inferInsert"], "id" | "createdAt" | "updatedAt" | "version" | "deletedAt">,
  request?: RequestFacts,
  creation: RecordCreation<R> = {},
): Promise<V> {
  const { table, kind, findView, person } = record;
  assertCan(actor, "create", resourceOf(kind));
  if (person) await assertActiveUser(deps.db, (values as Record<string, string | null>)[person], person);
  const now = creation.at ?? Date.now();
  const id = Bun.randomUUIDv7();
  const row = { ...values, id, createdAt: now, updatedAt: now } as T["$inferInsert"];
  const change = createdChange(kind, actor, id, creation.audited ?? values, request);
  const written = await commitChange(deps, kind, change, async (tx) => {
    await tx.insert(table).values(row);
    return creation.also?.(tx, id) as Promise<R>;
  });
  creation.committed?.(id, written);
  return findView(deps, id);
}
