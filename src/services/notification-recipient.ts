import { NotFound } from "../lib/errors.ts";
import type { Actor } from "./actor.ts";

/** The user whose notifications `actor` reads (a token acts for its owner); Warden itself has none. */
export function personOf(actor: Actor): string {
  if (actor.type === "system") throw new NotFound("Only users have notifications.");
  return actor.id;
}
