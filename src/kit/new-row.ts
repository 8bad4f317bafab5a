import type { Actor } from "./actor.ts";

/**
 * The columns every new row of a module's own table starts with: a fresh UUIDv7 id, who
 * makes it (`createdBy`; null when Warden does) and when (created and last updated at `now`).
 */
export function newRowStamp(actor: Actor, now = Date.now()) {
  return { id: Bun.randomUUIDv7(), createdBy: actor.id, createdAt: now, updatedAt: now };
}
