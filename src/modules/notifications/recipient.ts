import type { Actor } from "../../kit/actor.ts";
import { NotFound } from "../../lib/errors.ts";

/** The user whose notifications `actor` reads (a token acts for its owner); Warden itself has none. */
export function personOf(actor: Actor): string {
  if (actor.type === "system") throw new NotFound("Only users have notifications.");
  return actor.id;
}
