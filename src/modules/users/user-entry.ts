import type { Actor } from "../../kit/actor.ts";
import type { AuditInput, Changes, RequestFacts } from "../../kit/audit.ts";

/** The audit entry of `action` on the account of `userId` (sign-ins, second factors, passwords). */
export function userEntry(
  actor: Actor,
  action: string,
  userId: string | null,
  request?: RequestFacts,
  changes?: Changes,
): AuditInput {
  return { actor, action, resourceType: "user", resourceId: userId, changes, request };
}
