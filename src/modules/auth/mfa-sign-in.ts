import type { AuthenticationResponseJSON, RegistrationResponseJSON } from "@simplewebauthn/server";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { type User, users } from "../../db/schema/users.ts";
import { systemActor } from "../../kit/actor.ts";
import { type RequestFacts, recordAudit } from "../../kit/audit.ts";
import { Unauthorized } from "../../lib/errors.ts";
import type { UserDeps } from "../users/service.ts";
import { userEntry } from "../users/user-entry.ts";
import { closeChallenge, countWrongCode, openChallenge } from "./mfa-challenges.ts";
import type { AuthChallenge } from "./mfa-schema.ts";
import { confirmTotp, mfaStatus, verifySecondFactor } from "./mfa-service.ts";
import { type RelyingParty, registerPasskey, verifyPasskey } from "./passkeys-service.ts";
import {
  checkCredentials,
  loginSchema,
  maySignInLocally,
  signInAs,
  type TokenPair,
  userActor,
} from "./sessions.ts";

/** `POST /api/v1/auth/login`: the credentials, plus the authenticator code for an account that has one. */
export const apiLoginSchema = loginSchema.extend({
  code: z
    .string()
    .trim()
    .min(1)
    .max(32)
    .optional()
    .describe("The current code of the authenticator app, or a recovery code, when the account has one"),
});

/** Where the password step leads: a session, or a half-finished sign-in the browser keeps the token of. */
export type PasswordOutcome =
  | { kind: "session"; pair: TokenPair }
  | { kind: "second-factor" | "enrol"; token: string };

/** What a code or passkey step gives: a session, or a refusal saying whether the same challenge may be tried again. */
export type StepOutcome = { kind: "session"; pair: TokenPair } | { kind: "refused"; retry: boolean };

const WRONG_CODE = "Wrong login, password or authenticator code.";

/** True when users of `role` must have a second factor (`auth.requireMfaFor`). */
export function mfaRequired(deps: UserDeps, role: User["role"]): boolean {
  return deps.config.get().auth.requireMfaFor.includes(role);
}

/**
 * The browser's password step. A user with a second factor gets a challenge to answer
 * with it; a user whose role requires one and who has none gets an enrolment challenge;
 * anyone else a session at once.
 */
export async function passwordStep(
  deps: UserDeps,
  credentials: { login: string; password: string },
  next: string,
  request?: RequestFacts,
): Promise<PasswordOutcome> {
  const user = await checkCredentials(deps, credentials, request);
  const status = await mfaStatus(deps.db, user.id);
  const login = credentials.login.trim().toLowerCase();
  const purpose =
    status.totp || status.passkeys > 0 ? "second-factor" : mfaRequired(deps, user.role) ? "enrol" : null;
  if (!purpose) return { kind: "session", pair: await signInAs(deps, user, request) };
  return { kind: purpose, token: await openChallenge(deps.db, { purpose, userId: user.id, login, next }) };
}

/**
 * Sign-in through the API. An account with an authenticator app must send its `code`
 * (a wrong one is a 401 like a wrong password, and counts the same toward the limits);
 * an account with passkeys only, or one that must still enrol, signs in in the browser
 * (scripts use API tokens).
 */
export async function apiLogin(
  deps: UserDeps,
  input: z.infer<typeof apiLoginSchema>,
  request?: RequestFacts,
): Promise<TokenPair> {
  const user = await checkCredentials(deps, input, request);
  const status = await mfaStatus(deps.db, user.id);
  let method: string | undefined;
  if (status.totp) {
    if (!input.code)
      throw new Unauthorized("This account needs the code of its authenticator app: send it as `code`.");
    const used = await verifySecondFactor(deps, userActor(user), input.code, request);
    if (!used) {
      await auditRefused(deps, user, "auth.mfa_failed", request);
      throw new Unauthorized(WRONG_CODE);
    }
    method = `password+${used}`;
  } else if (status.passkeys > 0) {
    throw new Unauthorized(
      "This account signs in with a passkey: use the browser, or an API token for scripts.",
    );
  } else if (mfaRequired(deps, user.role)) {
    throw new Unauthorized("This account must set up two-factor sign-in first: sign in in the browser.");
  }
  return signInAs(deps, user, request, { via: method });
}

/**
 * The browser's code step of a `second-factor` challenge: a current authenticator code or a
 * recovery code opens the session and ends the challenge. A wrong one is audited and
 * counted against the challenge, which ends after too many.
 */
export async function codeStep(
  deps: UserDeps,
  challenge: AuthChallenge,
  code: string,
  request?: RequestFacts,
): Promise<StepOutcome> {
  const user = await challengeUser(deps, challenge);
  const used = await verifySecondFactor(deps, userActor(user), code, request);
  if (used) {
    await closeChallenge(deps.db, challenge.id);
    return { kind: "session", pair: await signInAs(deps, user, request, { via: `password+${used}` }) };
  }
  await auditRefused(deps, user, "auth.mfa_failed", request);
  return { kind: "refused", retry: await countWrongCode(deps.db, challenge.id) };
}

/**
 * The passkey step: as the second factor of a `second-factor` challenge (the passkey must be
 * the user's), or passwordless for a `passkey-sign-in` challenge (any user's passkey).
 * @throws Unauthorized when the passkey is refused (audited when its user is known).
 */
export async function passkeyStep(
  deps: UserDeps,
  challenge: AuthChallenge,
  response: AuthenticationResponseJSON,
  rp: RelyingParty,
  request?: RequestFacts,
): Promise<TokenPair> {
  if (!challenge.challenge) throw new Unauthorized("Start the passkey sign-in again.");
  const ceremony = { challenge: challenge.challenge, response };
  const owner = challenge.purpose === "second-factor" ? challenge.userId : null;
  await closeChallenge(deps.db, challenge.id);
  let userId: string;
  try {
    userId = await verifyPasskey(deps.db, ceremony, rp, owner);
  } catch (error) {
    if (owner) await auditRefused(deps, await challengeUser(deps, challenge), "auth.passkey_failed", request);
    throw error;
  }
  const user = await activeUser(deps, userId);
  // Passwordless is local sign-in: `auth.localSignIn` may keep this user to single sign-on.
  if (!owner && !maySignInLocally(deps, user)) throw new Unauthorized("Sign in with single sign-on.");
  return signInAs(deps, user, request, { via: owner ? "password+passkey" : "passkey" });
}

/**
 * The enrolment step of an `enrol` challenge (a user whose role requires a second factor):
 * the first code of the authenticator app confirms it; then the session opens. Answers the
 * recovery codes to show once.
 */
export async function enrolStep(
  deps: UserDeps,
  challenge: AuthChallenge,
  code: string,
  request?: RequestFacts,
): Promise<{ pair: TokenPair; recoveryCodes: string[] }> {
  const user = await challengeUser(deps, challenge);
  const recoveryCodes = await confirmTotp(deps, userActor(user), code, request);
  await closeChallenge(deps.db, challenge.id);
  return { pair: await signInAs(deps, user, request, { via: "password+totp" }), recoveryCodes };
}

/**
 * The other way through an `enrol` challenge: a new passkey (verified against the
 * challenge's WebAuthn challenge) becomes the second factor; then the session opens.
 * @throws Validation when the new passkey does not verify.
 */
export async function enrolPasskeyStep(
  deps: UserDeps,
  challenge: AuthChallenge,
  passkey: { name: string; response: RegistrationResponseJSON },
  rp: RelyingParty,
  request?: RequestFacts,
): Promise<TokenPair> {
  const user = await challengeUser(deps, challenge);
  if (!challenge.challenge) throw new Unauthorized("Start the passkey set-up again.");
  const ceremony = { ...passkey, challenge: challenge.challenge };
  await registerPasskey(deps, userActor(user), ceremony, rp, request);
  await closeChallenge(deps.db, challenge.id);
  return signInAs(deps, user, request, { via: "password+passkey" });
}

/** The active user a challenge is about. */
export async function challengeUser(deps: UserDeps, challenge: AuthChallenge): Promise<User> {
  if (!challenge.userId) throw new Unauthorized("Sign in again.");
  return activeUser(deps, challenge.userId);
}

async function activeUser(deps: UserDeps, id: string): Promise<User> {
  const [user] = await deps.db.select().from(users).where(eq(users.id, id));
  if (!user?.isActive) throw new Unauthorized("Sign in again.");
  return user;
}

async function auditRefused(deps: UserDeps, user: User, action: string, request?: RequestFacts) {
  const entry = userEntry(systemActor(`login:${user.username}`), action, user.id, request);
  await deps.db.transaction((tx) => recordAudit(tx, entry));
}
