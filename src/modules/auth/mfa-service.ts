import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { type User, users } from "../../db/schema/users.ts";
import type { Tx } from "../../db/transaction.ts";
import type { Actor } from "../../kit/actor.ts";
import { type RequestFacts, recordAudit, writeAudited } from "../../kit/audit.ts";
import { countRows } from "../../kit/count-rows.ts";
import { Validation } from "../../lib/errors.ts";
import type { Notifier } from "../notifications/notifier.ts";
import { type UserDeps, userFor } from "../users/service.ts";
import { userEntry } from "../users/user-entry.ts";
import { openSecret, sealSecret } from "./mfa-crypto.ts";
import {
  dropRecoveryCodes,
  recoveryCodesLeft,
  replaceRecoveryCodes,
  spendRecoveryCode,
} from "./mfa-recovery.ts";
import { authChallenges, userMfa } from "./mfa-schema.ts";
import { claimStep, matchingStep, newTotpSecret, totpEnrolment } from "./mfa-totp.ts";
import { passkeys } from "./passkeys-schema.ts";
import { verifyPassword } from "./passwords.ts";
import { secretOf } from "./sessions.ts";

/** A pending enrolment is shown again (same QR code) for this long, then a new secret is made. */
const PENDING_TTL_MS = 15 * 60_000;

const WRONG_CODE = "That code is not valid. Type the current code from your authenticator app.";
const NOT_CONFIRMED = "Confirm with your password, or a current code from your authenticator app.";
const ALREADY_ON =
  "An authenticator app is already on. Turn it off first, with a current code, to set up another.";

/** The second factors of `userId`. */
export async function mfaStatus(db: Db, userId: string) {
  const [row] = await db
    .select({ enabled: userMfa.totpEnabledAt })
    .from(userMfa)
    .where(eq(userMfa.userId, userId));
  return {
    totp: row?.enabled != null,
    recoveryLeft: await recoveryCodesLeft(db, userId),
    passkeys: await countRows(db, passkeys, eq(passkeys.userId, userId)),
  };
}

/**
 * The authenticator-app enrolment under way for `user`: the pending secret of the last
 * quarter hour (so a reload shows the same QR code), else a new one, stored sealed.
 * @throws Validation with `code` when an app is already on (see {@link confirmTotp}).
 */
export async function pendingTotp(deps: UserDeps, user: Pick<User, "id" | "username">) {
  const [row] = await deps.db.select().from(userMfa).where(eq(userMfa.userId, user.id));
  if (row?.totpEnabledAt != null) throw new Validation({ code: ALREADY_ON });
  const now = Date.now();
  const kept =
    row?.pendingSecret && row.pendingAt && now - row.pendingAt < PENDING_TTL_MS
      ? openSecret(row.pendingSecret, secretOf(deps))
      : null;
  if (kept) return totpEnrolment(kept, user.username);
  const secret = newTotpSecret();
  const pending = { pendingSecret: sealSecret(secret, secretOf(deps)), pendingAt: now, updatedAt: now };
  await deps.db.transaction((tx) =>
    tx
      .insert(userMfa)
      .values({ userId: user.id, ...pending })
      .onConflictDoUpdate({ target: userMfa.userId, set: pending }),
  );
  return totpEnrolment(secret, user.username);
}

/**
 * Confirms the pending enrolment of the actor with a first `code`: the authenticator app
 * becomes their second factor and ten new recovery codes are made, returned to be shown
 * once. Audited as `auth.mfa_enabled`. An app already on is not replaced this way: whoever
 * holds the session would take the second factor over without a current code.
 * @throws Validation with `code` when the code does not match the pending secret, or an
 * app is already on.
 */
export async function confirmTotp(
  deps: UserDeps,
  actor: Actor & { id: string },
  code: string,
  request?: RequestFacts,
): Promise<string[]> {
  const [row] = await deps.db.select().from(userMfa).where(eq(userMfa.userId, actor.id));
  if (row?.totpEnabledAt != null) throw new Validation({ code: ALREADY_ON });
  const secret = row?.pendingSecret ? openSecret(row.pendingSecret, secretOf(deps)) : null;
  const step = secret ? matchingStep(secret, code) : null;
  if (!secret || step === null || !row?.pendingSecret) throw new Validation({ code: WRONG_CODE });
  const sealed = row.pendingSecret;
  return deps.db.transaction(async (tx) => {
    const now = Date.now();
    const enabled = await tx
      .update(userMfa)
      .set({
        totpSecret: sealed,
        totpEnabledAt: now,
        lastStep: step,
        pendingSecret: null,
        pendingAt: null,
        updatedAt: now,
      })
      .where(and(eq(userMfa.userId, actor.id), isNull(userMfa.totpEnabledAt)))
      .returning({ userId: userMfa.userId });
    // Another confirmation (a second tab) turned an app on meanwhile: no second set of codes.
    if (enabled.length === 0) throw new Validation({ code: ALREADY_ON });
    const codes = await replaceRecoveryCodes(tx, actor.id);
    const changes = { totp: { before: false, after: true } };
    await recordAudit(tx, userEntry(actor, "auth.mfa_enabled", actor.id, request, changes));
    return codes;
  });
}

/**
 * Checks a second-factor `code` of the actor: a current authenticator code not used before
 * (a replayed one is refused), or an unused recovery code, which is then spent (audited as
 * `auth.mfa_recovery_used`). Answers which of the two it was (`totp`, `recovery`), null when neither.
 */
export async function verifySecondFactor(
  deps: UserDeps,
  actor: Actor & { id: string },
  code: string,
  request?: RequestFacts,
): Promise<"totp" | "recovery" | null> {
  const userId = actor.id;
  const [row] = await deps.db.select().from(userMfa).where(eq(userMfa.userId, userId));
  const secret = row?.totpSecret && row.totpEnabledAt ? openSecret(row.totpSecret, secretOf(deps)) : null;
  const step = secret ? matchingStep(secret, code) : null;
  return deps.db.transaction(async (tx) => {
    if (step !== null) return (await claimStep(tx, userId, step)) ? "totp" : null;
    if (!(await spendRecoveryCode(tx, userId, code))) return null;
    await recordAudit(tx, userEntry(actor, "auth.mfa_recovery_used", userId, request));
    return "recovery";
  });
}

/**
 * Confirms that the signed-in actor is the person, not only their session, before a change
 * that adds a way to sign in (a passkey): `secret` is their password, or a current code of
 * their authenticator app (or a recovery code, then spent). A wrong one is audited as
 * `auth.password_failed` (the app limits these attempts like sign-ins).
 * @throws Validation with `confirm` when it is neither.
 */
export async function confirmPerson(
  deps: UserDeps,
  actor: Actor & { id: string },
  secret: string,
  request?: RequestFacts,
): Promise<void> {
  if (secret !== "") {
    const [user] = await deps.db
      .select({ passwordHash: users.passwordHash })
      .from(users)
      .where(eq(users.id, actor.id));
    if (user && (await verifyPassword(secret, user.passwordHash)).ok) return;
    if ((await verifySecondFactor(deps, actor, secret, request)) !== null) return;
  }
  const refused = userEntry(actor, "auth.password_failed", actor.id, request);
  await recordAudit(deps.db, refused);
  throw new Validation({ confirm: NOT_CONFIRMED });
}

/**
 * A signed-in user's change that needs a current code first (turning the app off, new
 * recovery codes): checks `code`, then runs `change` with the audit entry in one transaction.
 * A wrong code is audited as `auth.mfa_failed`, as at sign-in (the app limits the attempts
 * per account like sign-ins).
 */
async function withCurrentCode<T>(
  deps: UserDeps,
  actor: Actor & { id: string },
  code: string,
  action: string,
  request: RequestFacts | undefined,
  change: (tx: Tx) => Promise<T>,
): Promise<T> {
  if ((await verifySecondFactor(deps, actor, code, request)) === null) {
    const refused = userEntry(actor, "auth.mfa_failed", actor.id, request);
    await recordAudit(deps.db, refused);
    throw new Validation({ code: WRONG_CODE });
  }
  return writeAudited(deps.db, userEntry(actor, action, actor.id, request), change);
}

/** Turns the authenticator app off and drops the recovery codes, after a current code. */
export function disableTotp(
  deps: UserDeps,
  actor: Actor & { id: string },
  code: string,
  request?: RequestFacts,
): Promise<void> {
  return withCurrentCode(deps, actor, code, "auth.mfa_disabled", request, async (tx) => {
    await tx.delete(userMfa).where(eq(userMfa.userId, actor.id));
    await dropRecoveryCodes(tx, actor.id);
  });
}

/** Ten new recovery codes replacing the old ones, after a current code; returned to be shown once. */
export function regenerateRecoveryCodes(
  deps: UserDeps,
  actor: Actor & { id: string },
  code: string,
  request?: RequestFacts,
): Promise<string[]> {
  return withCurrentCode(deps, actor, code, "auth.mfa_recovery_regenerated", request, (tx) =>
    replaceRecoveryCodes(tx, actor.id),
  );
}

/**
 * Removes every second factor of user `id` (authenticator app, recovery codes, passkeys,
 * half-finished sign-ins), for someone who lost their device: they sign in with their
 * password alone and, when their role requires it, set one up again at once. Admins only;
 * audited as `auth.mfa_reset` in the same transaction; the user is told by `deps.notifier` (in
 * the app, and by e-mail when they want security notices there; the CLI has none).
 */
export async function resetSecondFactor(
  deps: UserDeps & { notifier?: Pick<Notifier, "notify"> },
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
