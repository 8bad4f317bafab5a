import type { Bus, Topic } from "../realtime/bus.ts";

/** How long a cached page may be served at most (bounds staleness when another process writes the same database). */
const TTL_MS = 1000;
/** Distinct queries kept at once; the oldest goes first. */
const MAX_ENTRIES = 200;
/**
 * How long a list's total for one filter is reused: longer than a page (a total that lags
 * another process's writes by seconds misleads nobody, while counting again rescans every
 * matching row). Changes made in this process drop it at once, like the pages.
 */
const COUNT_TTL_MS = 10_000;
/** Distinct filters whose totals are kept at once. */
const MAX_COUNTS = 1000;

/**
 * Recently read pages of one module's list, keyed by their (validated) query. Any event
 * on the module's bus topic — every create, edit, move, delete — drops them all at once,
 * so a reader in this process never sees a page older than the last change. A page older
 * than a second is refreshed in the background while the old one is still served (for up to
 * another second), so a steady stream of readers never waits for the database: a write made
 * by another process (a CLI command, another instance on the same libSQL server) shows
 * within two seconds. Identical reads running at the same time share one database read.
 * Callers check permissions before reading through the cache.
 */
export class ListCache<T> {
  readonly #entries = new Map<string, Entry<T>>();
  readonly #counts = new Map<string, { at: number; value: Promise<number> }>();

  constructor(bus: Bus | undefined, topic: Topic) {
    bus?.subscribe([topic], () => {
      this.#entries.clear();
      this.#counts.clear();
    });
  }

  /**
   * The total of the rows one filter matches (`key`: the filter, without page, cursor or
   * sort, which do not change it), counted by `read()` at most once per COUNT_TTL_MS, so
   * turning pages, changing the sort or walking cursors never counts again.
   */
  count(key: string, read: () => Promise<number>): Promise<number> {
    const now = Date.now();
    const hit = this.#counts.get(key);
    if (hit && now - hit.at < COUNT_TTL_MS) return hit.value;
    const value = read();
    this.#counts.delete(key);
    this.#counts.set(key, { at: now, value });
    if (this.#counts.size > MAX_COUNTS) this.#counts.delete(this.#counts.keys().next().value as string);
    value.catch(() => {
      if (this.#counts.get(key)?.value === value) this.#counts.delete(key);
    });
    return value;
  }

  /** The cached value for `key`, or `read()`'s (kept unless it fails). */
  read(key: string, read: () => Promise<T>): Promise<T> {
    const now = Date.now();
    const hit = this.#entries.get(key);
    if (hit && now - hit.at < TTL_MS) return hit.value;
    if (hit && now - hit.at < 2 * TTL_MS) {
      this.#refresh(key, hit, read, now);
      return hit.value;
    }
    return this.#store(key, read(), now);
  }

  /** Reads `key` again once; the new page replaces `hit` unless the list changed meanwhile. */
  #refresh(key: string, hit: Entry<T>, read: () => Promise<T>, now: number): void {
    if (hit.refreshing) return;
    hit.refreshing = true;
    const value = read();
    value.then(
      () => {
        if (this.#entries.get(key) === hit) this.#store(key, value, now);
      },
      () => {
        hit.refreshing = false;
      },
    );
  }

  #store(key: string, value: Promise<T>, at: number): Promise<T> {
    this.#entries.delete(key);
    this.#entries.set(key, { at, value, refreshing: false });
    if (this.#entries.size > MAX_ENTRIES) this.#entries.delete(this.#entries.keys().next().value as string);
    value.catch(() => {
      if (this.#entries.get(key)?.value === value) this.#entries.delete(key);
    });
    return value;
  }
}

/** One cached page: when its read started, the read, and whether a refresh is under way. */
interface Entry<T> {
  at: number;
  value: Promise<T>;
  refreshing: boolean;
}
