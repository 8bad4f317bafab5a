import type { Bus, Topic } from "../realtime/bus.ts";

/** How long a cached page may be served at most (bounds staleness when another process writes the same database). */
const TTL_MS = 1000;
/** Distinct queries kept at once; the oldest goes first. */
const MAX_ENTRIES = 200;

/** What `read` gives, through `lists` when there is one (keyed by the validated `query`). */
export function readThrough<T>(
  lists: ListCache<T> | undefined,
  query: unknown,
  read: () => Promise<T>,
): Promise<T> {
  return lists ? lists.read(JSON.stringify(query), read) : read();
}

/**
 * Recently read pages of one module's list, keyed by their (validated) query. Any event
 * on the module's bus topic — every create, edit, move, delete — drops them all at once,
 * so a reader in this process never sees a page older than the last change; a write made
 * by another process (a CLI command, another instance on the same libSQL server) shows
 * within a second. Identical reads running at the same time share one database read.
 * Callers check permissions before reading through the cache.
 */
export class ListCache<T> {
  readonly #entries = new Map<string, { at: number; value: Promise<T> }>();

  constructor(bus: Bus | undefined, topic: Topic) {
    bus?.subscribe([topic], () => this.#entries.clear());
  }

  /** The cached value for `key`, or `read()`'s (kept unless it fails). */
  read(key: string, read: () => Promise<T>): Promise<T> {
    const now = Date.now();
    const hit = this.#entries.get(key);
    if (hit && now - hit.at < TTL_MS) return hit.value;
    const value = read();
    this.#entries.delete(key);
    this.#entries.set(key, { at: now, value });
    if (this.#entries.size > MAX_ENTRIES) this.#entries.delete(this.#entries.keys().next().value as string);
    value.catch(() => {
      if (this.#entries.get(key)?.value === value) this.#entries.delete(key);
    });
    return value;
  }
}
