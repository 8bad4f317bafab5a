import type { Tx } from "../db/transaction.ts";
import type { Actor } from "./actor.ts";
import type { RequestFacts } from "./audit.ts";
import { commitChange, type RecordEventDeps, type RecordKind } from "./record-events.ts";
import { findRow } from "./record-lookup.ts";
import { staleVersion, type VersionedTable, writeIfCurrent } from "./record-versioning.ts";

/** A stored row of `T`, with the status its workflow moves. */
type StatusRow<T extends VersionedTable> = T["$inferSelect"] & { status: string };

/** One move of a record along its workflow. */
export interface RecordMove<T extends VersionedTable, W> {
  /** The status it moves to. */
  status: StatusRow<T>["status"];
  /** The version the move was made against. */
  version: number;
  request?: RequestFacts | undefined;
  /** Columns the move sets besides the status: the workflow's timestamps. */
  set?: Partial<T["$inferSelect"]>;
  /** More writes in the move's transaction, after the row's (a timeline entry, queued webhook calls). */
  write?: (tx: Tx) => Promise<W>;
}

/**
 * Moves the stored row `before` to `move.status`: the status (and `move.set`), written only
 * if the row is still at `move.version` (404 when it was deleted meanwhile, 409 when
 * changed), and the audit entry `<noun>.status` commit in one transaction with
 * `move.write`, then the move is announced as `<noun>.updated`. The caller checks the
 * permission and that the workflow allows the move. Returns what `move.write` returned.
 */
export async function moveRecord<T extends VersionedTable, W = void>(
  record: { table: T; kind: RecordKind },
  deps: RecordEventDeps,
  actor: Actor,
  before: StatusRow<T>,
  move: RecordMove<T, W>,
): Promise<W | undefined> {
  const { table, kind } = record;
  const noun = kind.resourceType;
  const { status, version } = move;
  const change = {
    actor,
    request: move.request,
    id: before.id,
    action: `${noun}.status`,
    changes: { status: { before: before.status, after: status } },
    event: `${noun}.updated`,
    data: { version: before.version + 1 },
  };
  const columns: Record<string, unknown> = { ...move.set, status };
  return commitChange(deps, kind, change, async (tx) => {
    if (!(await writeIfCurrent(tx, table, { id: before.id, version }, columns)))
      throw staleVersion(noun, (await findRow(tx, table, noun, before.id)).version, version);
    return move.write?.(tx);
  });
}
