import type { Tx } from "../db/transaction.ts";
import type { Actor } from "./actor.ts";
import type { RequestFacts } from "./audit.ts";
import { type ChangeKind, commitChange, type RecordEventDeps } from "./record-events.ts";

/** How a note on a record's timeline is named: its audit action and field (`note`), and its bus event (`noted`). */
export interface NoteNames {
  /** `<type>.<field>` is the audit action; the field goes from null to the entry's id. */
  field: string;
  /** `<type>.<event>` is announced on the bus. */
  event: string;
}

/**
 * A kind's notes (or comments): how they are named, the entry a note with `body` makes on
 * record `recordId`, how it is written, and whom to tell once it is (`noted`, with the
 * record as stored).
 */
export interface RecordNotes<Row, E extends { id: string }, D> {
  /** `{ field: "note", event: "noted" }` unless said. */
  names?: NoteNames;
  entry: (recordId: string, actor: Actor, body: string) => E;
  insert: (tx: Tx, entry: E) => Promise<unknown>;
  noted?: (deps: D, actor: Actor, row: Row, entry: E) => void;
}

/**
 * Adds `entry` (a note, a comment) to record `id`'s timeline: `insert` writes it in the
 * transaction that audits it as `<type>.<field>`, then `<type>.<event>` is announced.
 * Returns the entry.
 */
export async function addRecordNote<E extends { id: string }>(
  deps: RecordEventDeps,
  kind: ChangeKind,
  actor: Actor,
  id: string,
  entry: E,
  names: NoteNames,
  insert: (tx: Tx, entry: E) => Promise<unknown>,
  request?: RequestFacts,
): Promise<E> {
  const type = kind.resourceType;
  const change = {
    actor,
    request,
    id,
    action: `${type}.${names.field}`,
    changes: { [names.field]: { before: null, after: entry.id } },
    event: `${type}.${names.event}`,
  };
  await commitChange(deps, kind, change, async (tx) => {
    await insert(tx, entry);
  });
  return entry;
}
