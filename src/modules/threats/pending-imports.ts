import type { ParsedCatalog } from "./stix-bundle.ts";

/** How long a previewed bundle waits to be applied. */
const TTL_MS = 15 * 60_000;

/** The most previews kept at once (a parsed full bundle weighs tens of MB). */
const MAX_PENDING = 2;

/**
 * Bundles an admin previewed in the browser, kept parsed until applied (a file input cannot
 * be sent again by the page), each under a random token, for a short while.
 */
export class PendingImports {
  readonly #pending = new Map<string, { catalog: ParsedCatalog; expires: number }>();

  /** Keeps `catalog` and answers the token that applies it. */
  put(catalog: ParsedCatalog, now = Date.now()): string {
    this.#sweep(now);
    while (this.#pending.size >= MAX_PENDING) {
      const oldest = this.#pending.keys().next().value;
      if (oldest === undefined) break;
      this.#pending.delete(oldest);
    }
    const token = Bun.randomUUIDv7();
    this.#pending.set(token, { catalog, expires: now + TTL_MS });
    return token;
  }

  /** Takes the catalog kept under `token` (once), or null when unknown or expired. */
  take(token: string, now = Date.now()): ParsedCatalog | null {
    this.#sweep(now);
    const entry = this.#pending.get(token);
    this.#pending.delete(token);
    return entry?.catalog ?? null;
  }

  #sweep(now: number): void {
    for (const [token, entry] of this.#pending) if (entry.expires <= now) this.#pending.delete(token);
  }
}
