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
