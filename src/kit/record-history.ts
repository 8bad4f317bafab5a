import { eq } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Db } from "../db/client.ts";
import type { Actor } from "./actor.ts";

/** What every entry of a record's history holds besides its record and its own fields. */
interface HistoryEntry {
  id: string;
  at: number;
  actorId: string | null;
  actorLabel: string;
  body: string;
  fromValue: string | null;
  toValue: string | null;
}

/**
 * A new entry of a record's history (a comment, a status move, an assignment) on record
 * `recordId` (stored in its `recordKey` column), by `actor` at `at`: no text and no change
 * unless `entry` gives them.
 */
export function historyEntry<const K extends string, E extends Partial<HistoryEntry>>(
  recordKey: K,
  recordId: string,
  actor: Actor,
  entry: E,
  at = Date.now(),
): HistoryEntry & Record<K, string> & E {
  const record = { [recordKey]: recordId } as Record<K, string>;
  const blank = { body: "", fromValue: null, toValue: null };
  return {
    id: Bun.randomUUIDv7(),
    ...record,
    at,
    actorId: actor.id,
    actorLabel: actor.label,
    ...blank,
    ...entry,
  };
}

/** A table of timeline entries (see `entryColumns`): each with an id and the time it was made. */
type EntryTable = SQLiteTable & { id: SQLiteColumn; at: SQLiteColumn };

/** The timeline of record `recordId`: the entries of `table` whose `record` column names it, oldest first. */
export function timelineOf<T extends EntryTable>(
  db: Pick<Db, "select">,
  table: T,
  record: SQLiteColumn,
  recordId: string,
): Promise<T["$inferSelect"][]> {
  return db.select().from(table).where(eq(record, recordId)).orderBy(table.at, table.id);
}
