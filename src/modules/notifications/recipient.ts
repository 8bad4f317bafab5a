import type { Actor } from "../../kit/actor.ts";
import { type Action, assertCan } from "../../kit/rbac.ts";
import { NotFound } from "../../lib/errors.ts";

/**
 * The user whose notifications `actor` may `action` (a token acts for its owner): 403 when
 * the role may not, 404 for Warden itself, which has none.
 */
export function recipientFor(actor: Actor, action: Action): string {
  assertCan(actor, action, "notifications");
  if (actor.type === "system") throw new NotFound("Only users have notifications.");
  return actor.id;
}
