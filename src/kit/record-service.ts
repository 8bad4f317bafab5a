import { eq, sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import type { Tx } from "../db/transaction.ts";
import { Conflict } from "../lib/errors.ts";
import { assertActiveUser } from "./active-user.ts";
import type { Actor } from "./actor.ts";
import type { Changes, RequestFacts } from "./audit.ts";
import { assertCan } from "./rbac.ts";
import { changesOf, valuesAfter, withTextElided } from "./record-changes.ts";
import { type ChangeKind, commitChange, type RecordEventDeps, resourceOf } from "./record-events.ts";
import { findRow, type RecordReader } from "./record-lookup.ts";
import { currentVersion, staleVersion, type VersionedTable, writeIfCurrent } from "./record-versioning.ts";
import type { SoftDeleteTable } from "./soft-delete.ts";

/**
 * A kind of record as its writes see it: the table, the kind audited and announced (its
 * `resourceType` is the noun of messages: "incident"; its topic names the RBAC resource,
 * see `resourceOf`) and how a record is shown once written, read through the services' `D`.
 */
export interface WrittenRecord<T extends VersionedTable, V, D = RecordEventDeps> {
  table: T;
  kind: ChangeKind;
  findView: (deps: D, id: string, includeDeleted?: boolean) => Promise<V>;
  /** The user column (assignee, owner) whose new value must name an active user (422 on that field). */
  person?: keyof T["$inferSelect"] & string;
  /** The long text column(s) its audit entries show as "…" → "…" rather than in full. */
  longText?: (keyof T["$inferSelect"] & string) | readonly (keyof T["$inferSelect"] & string)[];
  /** Writes in an edit's transaction when `person` changes (a timeline entry): from whom to whom. */
  personChanged?: (
    tx: Tx,
    id: string,
    actor: Actor,
    from: string | null,
    to: string | null,
  ) => Promise<unknown>;
}

/** A stored row of `T`. */
type RowOf<T extends VersionedTable> = T["$inferSelect"];

/**
 * A kind's notes (or comments) on a record's history: `names` (`<type>.<field>` the audit
 * action, its field going from null to the entry's id; `<type>.<event>` announced; `note`
 * and `noted` unless said), the entry a note with `body` makes, how it is written, and whom
 * to tell once it is (`noted`, with the record as stored).
 */
interface RecordNotes<Row, E extends { id: string }, D> {
  names?: { field: string; event: string };
  entry: (recordId: string, actor: Actor, body: string) => E;
  insert: (tx: Tx, entry: E) => Promise<unknown>;
  noted?: (deps: D, actor: Actor, row: Row, entry: E) => void;
}

/** An edit: the columns it sets (a field left out is not asked for) and the `version` it was made against. */
export type RecordPatch<T extends VersionedTable> = Partial<RowOf<T>>;

/** What one kind's edit adds to the kit's steps; each step is optional. */
export interface RecordEdit<T extends VersionedTable, V> {
  /** The column values asked for, from the row as stored (default: the patch's fields as sent). */
  wanted?: (before: RowOf<T>) => Partial<RowOf<T>>;
  /** Changes to what is not a column of the row (a set of links), from the row as stored. */
  linkChanges?: (before: RowOf<T>) => Promise<Changes>;
  /** Refuses the edit by throwing, once its changes are known and before anything is written. */
  check?: (before: RowOf<T>, changes: Changes) => void | Promise<void>;
  /** Checks in the edit's transaction before the row is written (a unique value still free); throws to refuse. */
  beforeWrite?: (tx: Tx, before: RowOf<T>, changes: Changes) => Promise<void>;
  /** More writes in the edit's transaction, after the row's: timeline entries, side tables. */
  write?: (tx: Tx, before: RowOf<T>, changes: Changes) => Promise<void>;
  /** Runs once the edit has committed, with the record as shown now (to tell a new assignee). */
  committed?: (view: V, changes: Changes) => void;
}

/**
 * Edits record `id` against the version the client read (whoever may update the kind):
 * 428 without a version, 404 when there is none, 409 when it is at another one. The changed
 * columns (`changesOf` the stored row), written only if the row is still at that version
 * (`writeIfCurrent`), and the audit entry commit in one transaction, then the change is
 * announced as `<noun>.updated`. An edit that changes nothing writes nothing. Answers the
 * record as shown after the edit.
 */
export async function updateRecord<T extends VersionedTable, V, D extends RecordEventDeps>(
  record: WrittenRecord<T, V, D>,
  deps: D,
  actor: Actor,
  id: string,
  patch: RecordPatch<T>,
  request?: RequestFacts,
  edit: RecordEdit<T, V> = {},
): Promise<V> {
  const { table, kind, findView, person, longText } = record;
  const resource = resourceOf(kind);
  const noun = kind.resourceType;
  assertCan(actor, "update", resource);
  const before: RowOf<T> = await findRow(deps.db, table, noun, id);
  const version = currentVersion(noun, before.version, patch.version);
  // The patch's version is the stored one now, so it is no change of its own.
  const columns = changesOf(before, edit.wanted ? edit.wanted(before) : patch);
  const changes = { ...columns, ...(await edit.linkChanges?.(before)) };
  if (Object.keys(changes).length === 0) return findView(deps, id);
  await edit.check?.(before, changes);
  if (person && changes[person])
    await assertActiveUser(deps.db, changes[person].after as string | null, person);
  const change = {
    actor,
    request,
    id,
    action: `${noun}.update`,
    changes: [longText ?? []].flat().reduce(withTextElided, changes),
    event: `${noun}.updated`,
    data: { version: version + 1 },
  };
  await commitChange(deps, kind, change, async (tx) => {
    await edit.beforeWrite?.(tx, before, changes);
    if (!(await writeIfCurrent(tx, table, { id, version }, valuesAfter(columns))))
      throw staleVersion(noun, (await findRow(tx, table, noun, id)).version, version);
    await edit.write?.(tx, before, changes);
    const personChange = person && changes[person];
    if (personChange && record.personChanged)
      await record.personChanged(
        tx,
        id,
        actor,
        personChange.before as string | null,
        personChange.after as string | null,
      );
  });
  const view = await findView(deps, id);
  edit.committed?.(view, changes);
  return view;
}

/** Sets `deletedAt` (or clears it) on row `id` and bumps its version. */
async function setDeletedAt(db: Pick<Db, "update">, table: SoftDeleteTable, id: string, at: number | null) {
  await db
    .update(table)
    .set({ deletedAt: at, version: sql`${table.version} + 1` })
    .where(eq(table.id, id));
}

/** What a soft-deleted kind of record says beyond its table, kind and view (see `WrittenRecord`). */
type RecordServiceOptions<T extends VersionedTable & SoftDeleteTable, V, D, E extends { id: string }> = Omit<
  WrittenRecord<T, V, D>,
  "table" | "kind" | "findView"
> & {
  /**
   * May refuse a restore by throwing. It runs in the restore's transaction, with its write and
   * audit entry, so it must only read the database (one writer: nothing else may wait in there).
   */
  restoreCheck?: (db: RecordReader, row: RowOf<T>) => Promise<void>;
  /** Runs once an edit has committed, with the record as shown now (to tell a new assignee). */
  edited?: (deps: D, actor: Actor, view: V, changes: Changes) => void;
  /** Its notes on a record's history, when it takes them. */
  notes?: RecordNotes<RowOf<T>, E, D>;
};

/**
 * Edit, delete and restore of a soft-deleted kind of record: its `table`, its `kind` and how
 * a record is shown once written (`findView`), and its `options`.
 * The RBAC resource is the one of the kind's topic (`resourceOf`); `D` is what the services
 * are given (the database, the bus, the notifier …).
 */
export function defineRecordService<
  T extends VersionedTable & SoftDeleteTable,
  V,
  D extends RecordEventDeps = RecordEventDeps,
  E extends { id: string } = { id: string },
>(
  table: T,
  kind: ChangeKind,
  findView: WrittenRecord<T, V, D>["findView"],
  options: RecordServiceOptions<T, V, D, E> = {},
) {
  const resource = resourceOf(kind);
  const record: WrittenRecord<T, V, D> = { ...options, table, kind, findView };
  const noun = kind.resourceType;
  return {
    /** Edits a record against the version read, with the kind's own `edit` steps (see `updateRecord`). */
    update: (
      deps: D,
      actor: Actor,
      id: string,
      patch: RecordPatch<T>,
      request?: RequestFacts,
      edit: RecordEdit<T, V> = {},
    ): Promise<V> =>
      updateRecord(record, deps, actor, id, patch, request, {
        ...edit,
        committed(view, changes) {
          edit.committed?.(view, changes);
          options.edited?.(deps, actor, view, changes);
        },
      }),
    /**
     * Adds a note to a record's history (whoever may update the kind; 404 for a missing or
     * deleted record), audited and announced; answers the entry. Only for a kind with `notes`.
     */
    async note(
      deps: D,
      actor: Actor,
      id: string,
      input: { body: string },
      request?: RequestFacts,
    ): Promise<E> {
      const { notes } = options;
      if (!notes) throw new Error(`The record kind ${noun} takes no notes.`);
      assertCan(actor, "update", resource);
      const row: RowOf<T> = await findRow(deps.db, table, noun, id);
      const entry = notes.entry(id, actor, input.body);
      const { field, event } = notes.names ?? { field: "note", event: "noted" };
      const change = {
        actor,
        request,
        id,
        action: `${noun}.${field}`,
        changes: { [field]: { before: null, after: entry.id } },
        event: `${noun}.${event}`,
      };
      await commitChange(deps, kind, change, async (tx) => {
        await notes.insert(tx, entry);
      });
      notes.noted?.(deps, actor, row, entry);
      return entry;
    },
    /**
     * Soft-deletes a record (whoever may delete the kind: admins; 404 when there is none or it is
     * deleted already): sets `deletedAt` and bumps the version, audited as `<type>.delete`,
     * announced as `<type>.deleted`. It stays restorable.
     */
    async remove(deps: D, actor: Actor, id: string, request?: RequestFacts): Promise<void> {
      assertCan(actor, "delete", resource);
      const before: RowOf<T> = await findRow(deps.db, table, noun, id);
      const change = {
        actor,
        request,
        id,
        action: `${noun}.delete`,
        changes: { deletedAt: { before: null, after: "now" } },
        event: `${noun}.deleted`,
        data: { version: before.version + 1 },
      };
      await commitChange(deps, kind, change, (tx) => setDeletedAt(tx, table, id, Date.now()));
    },
    /**
     * Restores a soft-deleted record (whoever may delete the kind; 404 when there is none, 409
     * when it is not deleted): clears `deletedAt` and bumps the version, audited as
     * `<type>.restore`, announced as `<type>.updated`. Answers it as shown.
     */
    async restore(deps: D, actor: Actor, id: string, request?: RequestFacts): Promise<V> {
      assertCan(actor, "delete", resource);
      const row: RowOf<T> = await findRow(deps.db, table, noun, id, true);
      if (row.deletedAt === null) throw new Conflict(`This ${noun} is not deleted.`);
      const change = {
        actor,
        request,
        id,
        action: `${noun}.restore`,
        changes: { deletedAt: { before: row.deletedAt, after: null } },
        event: `${noun}.updated`,
        data: { version: row.version + 1 },
      };
      await commitChange(deps, kind, change, async (tx) => {
        await options.restoreCheck?.(tx, row);
        await setDeletedAt(tx, table, id, null);
      });
      return findView(deps, id);
    },
  };
}
