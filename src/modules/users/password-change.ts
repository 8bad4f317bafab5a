import { eq, sql } from "drizzle-orm";
import { type User, users } from "../../db/schema/users.ts";
import type { Actor } from "../../kit/actor.ts";
import { type RequestFacts, recordAudit } from "../../kit/audit.ts";
import { Validation } from "../../lib/errors.ts";
import { announceCredentialsEnded } from "../../realtime/ended-credentials.ts";
import { hashPassword, passwordProblem } from "../auth/passwords.ts";
import { refreshTokens } from "../auth/schema.ts";
import { revokeAllApiTokens } from "../tokens/service.ts";
import { type UserDeps, userFor } from "./service.ts";
import { userEntry } from "./user-entry.ts";

/**
 * Sets a new password (admin for anyone; `warden user reset-password` as system). Ends
 * every session of that user and, unless `keepApiTokens`, their API tokens.
 */
export async function resetPassword(
  deps: UserDeps,
  actor: Actor,
  id: string,
  input: { password: string; keepApiTokens?: boolean },
  request?: RequestFacts,
): Promise<void> {
  const user = await userFor(deps, actor, "update", id);
  await replacePassword(deps, actor, user, input, "user.reset_password", request);
}

/**
 * Checks the new password against the policy, stores its hash, ends every session of the
 * user (token version bumped, refresh tokens revoked) and, unless `keepApiTokens`, revokes
 * their API tokens; the live connections of what ended close. Audits `action` and each
 * revoked token. The caller has checked the actor's right to do so.
 * @throws Validation with `password` when the policy refuses it.
 */
export async function replacePassword(
  deps: UserDeps,
  actor: Actor,
  user: User,
  input: { password: string; keepApiTokens?: boolean },
  action: "user.reset_password" | "user.change_password",
  request?: RequestFacts,
): Promise<void> {
  const problem = passwordProblem(input.password, deps.config.get().auth.passwordMinLength, user);
  if (problem) throw new Validation({ password: problem });
  const passwordHash = await hashPassword(input.password);
  const keepTokens = input.keepApiTokens === true;
  const changes = { password: { before: "set", after: "changed" } };
  await deps.db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, updatedAt: Date.now(), tokenVersion: sql`${users.tokenVersion} + 1` })
      .where(eq(users.id, user.id));
    await tx.update(refreshTokens).set({ revokedAt: Date.now() }).where(eq(refreshTokens.userId, user.id));
    await recordAudit(tx, userEntry(actor, action, user.id, request, changes));
    // After the password's entry: the tokens are revoked because of it.
    if (!keepTokens) await revokeAllApiTokens(tx, actor, user.id, request);
  });
  announceCredentialsEnded(deps, { userId: user.id, sessionsOnly: keepTokens, reason: "password changed" });
}
