import { eq } from "drizzle-orm";
import type { Actor } from "../../kit/actor.ts";
import { type RequestFacts, recordAudit } from "../../kit/audit.ts";
import type { Notifier } from "../notifications/notifier.ts";
import { type UserDeps, userFor } from "../users/service.ts";
import { userEntry } from "../users/user-entry.ts";
import { dropRecoveryCodes } from "./mfa-recovery.ts";
import { authChallenges, userMfa } from "./mfa-schema.ts";
import { mfaStatus } from "./mfa-service.ts";
import { passkeys } from "./passkeys-schema.ts";

/** What an admin's reset needs: the users' database and the notifier that tells the user (none in the CLI). */
export interface MfaResetDeps extends UserDeps {
  notifier?: Pick<Notifier, "notify">;
}

/**
 * Removes every second factor of user `id` (authenticator app, recovery codes, passkeys,
 * half-finished sign-ins), for someone who lost their device: they sign in with their
 * password alone and, when their role requires it, set one up again at once. Admins only;
 * audited as `auth.mfa_reset` in the same transaction; the user is told (in the app, and
 * by e-mail when they want security notices there).
 */
export async function resetSecondFactor(
  deps: MfaResetDeps,
  actor: Actor,
  id: string,
  request?: RequestFacts,
): Promise<void> {
  const user = await userFor(deps, actor, "update", id);
  const before = await mfaStatus(deps.db, user.id);
  const changes = {
    totp: { before: before.totp, after: false },
    passkeys: { before: before.passkeys, after: 0 },
  };
  await deps.db.transaction(async (tx) => {
    await tx.delete(userMfa).where(eq(userMfa.userId, user.id));
    await dropRecoveryCodes(tx, user.id);
    await tx.delete(passkeys).where(eq(passkeys.userId, user.id));
    await tx.delete(authChallenges).where(eq(authChallenges.userId, user.id));
    await recordAudit(tx, userEntry(actor, "auth.mfa_reset", user.id, request, changes));
  });
  deps.notifier?.notify({
    type: "security",
    priority: "high",
    title: { key: "notifications.text.mfaReset.title", params: { actor: actor.label } },
    message: { key: "notifications.text.mfaReset.message" },
    link: "/profile/security",
    recipients: [user.id],
  });
}
