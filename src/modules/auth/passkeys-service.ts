import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from "@simplewebauthn/server";
import { and, desc, eq } from "drizzle-orm";
import type { Context } from "hono";
import type { Db } from "../../db/client.ts";
import type { Tx } from "../../db/transaction.ts";
import type { AppDeps } from "../../deps.ts";
import type { Actor } from "../../kit/actor.ts";
import { type RequestFacts, writeAudited } from "../../kit/audit.ts";
import { NotFound, Unauthorized, Validation } from "../../lib/errors.ts";
import { ownOrigin } from "../../lib/own-origin.ts";
import type { UserDeps } from "../users/service.ts";
import { userEntry } from "../users/user-entry.ts";
import { type Passkey, passkeys } from "./passkeys-schema.ts";

/** The WebAuthn ceremonies (webauthn.ts), loaded with the first passkey ceremony. */
const webauthn = (): typeof import("./webauthn.ts") => require("./webauthn.ts");

/** Who the passkeys are for: the WebAuthn relying party (RP id and the origins it accepts). */
export type RelyingParty = ReturnType<typeof relyingParty>;

const REFUSED = "The passkey was not accepted. Try again, or sign in with your password.";

/**
 * The relying party of request `c`: `auth.passkeys.rpId` / `origins` when set, else the host
 * and origin of `notifications.publicUrl`, else those of the request (as the browser sees us).
 */
export function relyingParty(c: Context, deps: Pick<AppDeps, "config">) {
  const config = deps.config.get();
  const publicUrl = config.notifications.publicUrl ? new URL(config.notifications.publicUrl) : null;
  const fallback = publicUrl?.origin ?? ownOrigin(c, config.server.trustProxy);
  const { rpId, origins } = config.auth.passkeys;
  return {
    id: rpId ?? new URL(fallback).hostname,
    origins: origins.length > 0 ? origins.map((o) => new URL(o).origin) : [fallback],
  };
}

/** The passkeys of `userId` as the profile lists them, newest first. */
export async function listPasskeys(db: Db, userId: string) {
  const { id, name, createdAt, lastUsedAt, backedUp } = passkeys;
  return db
    .select({ id, name, createdAt, lastUsedAt, backedUp })
    .from(passkeys)
    .where(eq(passkeys.userId, userId))
    .orderBy(desc(passkeys.createdAt));
}

/** Options for the browser to create a passkey for `user` (its existing ones excluded). */
export async function registrationOptions(
  db: Db,
  user: { id: string; username: string; displayName: string },
  rp: RelyingParty,
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const existing = await db.select().from(passkeys).where(eq(passkeys.userId, user.id));
  return webauthn().generateRegistrationOptions({
    rpName: "Warden",
    rpID: rp.id,
    userName: user.username,
    userDisplayName: user.displayName,
    userID: new TextEncoder().encode(user.id),
    attestationType: "none",
    excludeCredentials: existing.map((p) => ({ id: p.credentialId, transports: p.transports })),
    authenticatorSelection: { residentKey: "required", userVerification: "preferred" },
  });
}

/**
 * Verifies the browser's answer to {@link registrationOptions} against the `challenge` sent
 * and stores the new passkey of the actor as `name`. Audited as `auth.passkey_added`.
 * @throws Validation when the answer does not verify.
 */
export async function registerPasskey(
  deps: UserDeps,
  actor: Actor & { id: string },
  ceremony: { challenge: string; response: RegistrationResponseJSON; name: string },
  rp: RelyingParty,
  request?: RequestFacts,
): Promise<void> {
  const verification = await webauthn()
    .verifyRegistrationResponse({
      response: ceremony.response,
      expectedChallenge: ceremony.challenge,
      expectedOrigin: rp.origins,
      expectedRPID: rp.id,
      requireUserVerification: false,
    })
    .catch(() => null);
  if (!verification?.verified)
    throw new Validation({ passkey: "The new passkey could not be verified. Try again." });
  const { credential, credentialDeviceType, credentialBackedUp } = verification.registrationInfo;
  const row: Passkey = {
    id: Bun.randomUUIDv7(),
    userId: actor.id,
    credentialId: credential.id,
    publicKey: Buffer.from(credential.publicKey).toString("base64url"),
    counter: credential.counter,
    transports: credential.transports ?? [],
    deviceType: credentialDeviceType,
    backedUp: credentialBackedUp,
    name: ceremony.name,
    createdAt: Date.now(),
    lastUsedAt: null,
  };
  const changes = { passkey: { before: null, after: row.name } };
  const entry = userEntry(actor, "auth.passkey_added", actor.id, request, changes);
  await writeAudited(deps.db, entry, (tx) => tx.insert(passkeys).values(row));
}

/**
 * Options for the browser to sign in with a passkey: of `userId` (as a second factor), or
 * any discoverable passkey of this site (passwordless) when null.
 */
export async function authenticationOptions(
  db: Db,
  rp: RelyingParty,
  userId: string | null,
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const allowed = userId ? await db.select().from(passkeys).where(eq(passkeys.userId, userId)) : [];
  return webauthn().generateAuthenticationOptions({
    rpID: rp.id,
    userVerification: userId ? "preferred" : "required",
    allowCredentials: allowed.map((p) => ({ id: p.credentialId, transports: p.transports })),
  });
}

/**
 * Verifies a passkey sign-in against the `challenge` sent: the credential must be known
 * (and belong to `userId` when given), the signature valid and its counter ahead of the
 * stored one (a cloned authenticator is refused). Stores the new counter and the time of
 * use; answers the owner's user id.
 * @throws Unauthorized when any check fails.
 */
export async function verifyPasskey(
  db: Db,
  ceremony: { challenge: string; response: AuthenticationResponseJSON },
  rp: RelyingParty,
  userId: string | null,
): Promise<string> {
  const which = eq(passkeys.credentialId, ceremony.response.id);
  const [key] = await db
    .select()
    .from(passkeys)
    .where(userId ? and(which, eq(passkeys.userId, userId)) : which);
  if (!key) throw new Unauthorized(REFUSED);
  const verification = await webauthn()
    .verifyAuthenticationResponse({
      response: ceremony.response,
      expectedChallenge: ceremony.challenge,
      expectedOrigin: rp.origins,
      expectedRPID: rp.id,
      credential: {
        id: key.credentialId,
        publicKey: new Uint8Array(Buffer.from(key.publicKey, "base64url")),
        counter: key.counter,
        transports: key.transports,
      },
      // Passwordless sign-in rests on the passkey alone: the authenticator must have checked its user.
      requireUserVerification: userId === null,
    })
    .catch(() => null);
  if (!verification?.verified) throw new Unauthorized(REFUSED);
  await db.transaction((tx) =>
    tx
      .update(passkeys)
      .set({ counter: verification.authenticationInfo.newCounter, lastUsedAt: Date.now() })
      .where(eq(passkeys.id, key.id)),
  );
  return key.userId;
}

/** Renames a passkey of the actor. Audited as `auth.passkey_renamed`. */
export function renamePasskey(
  deps: UserDeps,
  actor: Actor & { id: string },
  id: string,
  name: string,
  request?: RequestFacts,
): Promise<void> {
  return changePasskey(deps, actor, id, "auth.passkey_renamed", name, request, (tx) =>
    tx.update(passkeys).set({ name }).where(eq(passkeys.id, id)),
  );
}

/** Deletes a passkey of the actor. Audited as `auth.passkey_removed`. */
export function deletePasskey(
  deps: UserDeps,
  actor: Actor & { id: string },
  id: string,
  request?: RequestFacts,
): Promise<void> {
  return changePasskey(deps, actor, id, "auth.passkey_removed", null, request, (tx) =>
    tx.delete(passkeys).where(eq(passkeys.id, id)),
  );
}

/** Changes one of the actor's own passkeys (404 for anyone else's) with its audit entry, in one transaction. */
async function changePasskey(
  deps: UserDeps,
  actor: Actor & { id: string },
  id: string,
  action: string,
  after: string | null,
  request: RequestFacts | undefined,
  change: (tx: Tx) => Promise<unknown>,
): Promise<void> {
  const [key] = await deps.db
    .select()
    .from(passkeys)
    .where(and(eq(passkeys.id, id), eq(passkeys.userId, actor.id)));
  if (!key) throw new NotFound("No such passkey.");
  const changes = { passkey: { before: key.name, after } };
  await writeAudited(deps.db, userEntry(actor, action, actor.id, request, changes), change);
}
