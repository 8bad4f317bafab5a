import { assertActiveUser } from "./active-user.ts";
import type { Actor } from "./actor.ts";
import type { RequestFacts } from "./audit.ts";
import { assertCan } from "./rbac.ts";
import { commitChange, createdChange, type RecordEventDeps } from "./record-events.ts";
import type { WrittenRecord } from "./record-service.ts";
import type { VersionedTable } from "./record-versioning.ts";

/** A new row's own columns: what the kit stamps (id, times, version) left out. */
export type NewRecordValues<T extends VersionedTable> = Omit<
  T["$inferInsert"],
  "id" | "createdAt" | "updatedAt" | "version" | "deletedAt"
>;

/**
 * Creates a record of a kind (whoever may `create` it; its `person`, when it has one, must be
 * an active user or nobody: 422 on that field): a UUIDv7 id and the times stamped on
 * `values`, the row and its audit entry `<noun>.create` (each of `audited`, all of `values`
 * unless given, from null to its value) and search entry in one transaction, then announced
 * as `<noun>.created`. Answers the record as shown.
 */
export async function createRecord<T extends VersionedTable, V>(
  record: Pick<WrittenRecord<T, V>, "table" | "kind" | "resource" | "findView" | "person">,
  deps: RecordEventDeps,
  actor: Actor,
  values: NewRecordValues<T>,
  request?: RequestFacts,
  audited: Record<string, unknown> = values,
): Promise<V> {
  const { table, kind, resource, findView, person } = record;
  assertCan(actor, "create", resource);
  if (person) await assertActiveUser(deps.db, (values as Record<string, string | null>)[person], person);
  const now = Date.now();
  const id = Bun.randomUUIDv7();
  const row = { ...values, id, createdAt: now, updatedAt: now } as T["$inferInsert"];
  await commitChange(deps, kind, createdChange(kind, actor, id, audited, request), async (tx) => {
    await tx.insert(table).values(row);
  });
  return findView(deps.db, id);
}
