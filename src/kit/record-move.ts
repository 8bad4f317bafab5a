import type { Tx } from "../db/transaction.ts";
import { Conflict } from "../lib/errors.ts";
import type { Actor } from "./actor.ts";
import type { RequestFacts } from "./audit.ts";
import { assertCan } from "./rbac.ts";
import { type ChangeKind, commitChange, type RecordEventDeps, resourceOf } from "./record-events.ts";
import { findRow } from "./record-lookup.ts";
import type { WrittenRecord } from "./record-service.ts";
import { requireVersion, staleVersion, type VersionedTable, writeIfCurrent } from "./record-versioning.ts";

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
  record: { table: T; kind: ChangeKind },
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

/** A workflow: from each status, the statuses a record may move to. */
export type Transitions<S extends string> = Readonly<Record<S, readonly S[]>>;

/**
 * Refuses (409) a move `transitions` does not allow from `from`, saying where a `noun` there
 * can go; a module that words it its own way (its catalog entry) gives `refusal`, which is
 * told where the record can go ("triage or closed").
 */
export function assertTransition<S extends string>(
  noun: string,
  transitions: Transitions<S>,
  from: S,
  to: S,
  refusal?: (allowed: string) => string,
): void {
  if (transitions[from].includes(to)) return;
  const allowed = transitions[from].join(" or ");
  if (refusal) throw new Conflict(refusal(allowed));
  throw new Conflict(
    from === to
      ? `The ${noun} is ${from} already.`
      : `A ${noun} that is ${from} can move to ${allowed}, not to ${to}.`,
  );
}

/** How a kind's workflow move differs from the plain one of {@link workflowMove}. */
export interface WorkflowMoveOptions<
  T extends VersionedTable,
  S extends string,
  D extends RecordEventDeps,
  M extends StatusMove<S>,
> {
  /** Words a refused move the kind's own way. */
  refusal?: (from: S, to: S, allowed: string) => string;
  /** The columns a move to `to` sets besides the status (the workflow's timestamps). */
  set?: (to: S) => Partial<T["$inferSelect"]>;
  /** A move without a version applies to the record as it is now instead of being refused (428). */
  versionOptional?: boolean;
  /**
   * The write of a kind whose move is more than {@link moveRecord}'s (a history entry): given
   * the row read and the move at its version. The kit's checks come first all the same.
   */
  move?: (
    deps: D,
    actor: Actor,
    before: T["$inferSelect"],
    move: M & { version: number },
    request?: RequestFacts,
  ) => Promise<unknown>;
}

/** A move as a route takes it: the status to move to and the version seen. */
export type StatusMove<S extends string> = { status: S; version?: number | undefined };

/**
 * The workflow move of a kind whose only rule is `transitions` (whoever may update it): 404
 * for a missing record, 409 for a move the workflow refuses or a stale version, 428 without
 * one (unless `versionOptional`); then {@link moveRecord}, setting what `set` says. Answers
 * the record as shown after the move.
 */
export function workflowMove<
  T extends VersionedTable & { $inferSelect: { status: S } },
  V,
  S extends string,
  D extends RecordEventDeps = RecordEventDeps,
  M extends StatusMove<S> = StatusMove<S>,
>(
  record: Pick<WrittenRecord<T, V, D>, "table" | "kind" | "findView">,
  transitions: Transitions<S>,
  options: WorkflowMoveOptions<T, S, D, M> = {},
) {
  const { table, kind, findView } = record;
  const { refusal, set, versionOptional } = options;
  return async (deps: D, actor: Actor, id: string, move: M, request?: RequestFacts): Promise<V> => {
    assertCan(actor, "update", resourceOf(kind));
    const before = await findRow(deps.db, table, kind.resourceType, id);
    const version = versionOptional ? (move.version ?? before.version) : requireVersion(move.version);
    const from = before.status as S;
    assertTransition(
      kind.resourceType,
      transitions,
      from,
      move.status,
      refusal && ((allowed) => refusal(from, move.status, allowed)),
    );
    if (options.move) await options.move(deps, actor, before, { ...move, version }, request);
    else
      await moveRecord({ table, kind }, deps, actor, before, {
        status: move.status,
        version,
        request,
        set: set?.(move.status),
      });
    return findView(deps, id);
  };
}
