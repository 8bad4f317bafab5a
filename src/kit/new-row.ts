import type { Actor } from "./actor.ts";

/** The columns every new row of a module's own table starts with. */
export interface NewRowStamp {
  id: string;
  /** The user who made it; null when Warden did. */
  createdBy: string | null;
  createdAt: number;
  updatedAt: number;
}

/** A fresh UUIDv7 id, who makes the row and when (created and last updated at `now`). */
export function newRowStamp(actor: Actor, now = Date.now()): NewRowStamp {
  return { id: Bun.randomUUIDv7(), createdBy: actor.id, createdAt: now, updatedAt: now };
}
