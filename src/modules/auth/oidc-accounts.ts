import { and, eq } from "drizzle-orm";
import type { OidcProviderConfig } from "../../config/schema.ts";
import { ROLES, type Role, type User, users } from "../../db/schema/users.ts";
import { type Actor, systemActor } from "../../kit/actor.ts";
import { type RequestFacts, recordAudit, writeAudited } from "../../kit/audit.ts";
import { createdChanges } from "../../kit/record-changes.ts";
import { Forbidden } from "../../lib/errors.ts";
import { findUser, findUserByEmail, type UserDeps, updateUser } from "../users/service.ts";
import { userEntry } from "../users/user-entry.ts";
import type { ProviderIdentity } from "./oidc-flow.ts";
import { hashPassword } from "./passwords.ts";
import { userIdentities } from "./sso-schema.ts";

/** Why a provider's identity gets no Warden session (shown to the person, audited). */
export class SsoRefused extends Forbidden {}

/**
 * The Warden user an identity proven by `provider` signs in as:
 * 1. the user already linked to this issuer and subject;
 * 2. else the user with the same, verified e-mail address, now linked;
 * 3. else, with `createUsers`, a new user with the mapped role (or `defaultRole`).
 * The e-mail domain must be one of `allowedDomains` (when any are listed); with `syncRole`
 * the user's role follows the mapping at every sign-in. Every refusal is audited as
 * `auth.sso_refused` with its reason.
 * @throws SsoRefused naming the reason in words a person can act on.
 */
export async function userForIdentity(
  deps: UserDeps,
  provider: OidcProviderConfig,
  identity: ProviderIdentity,
  request?: RequestFacts,
): Promise<User> {
  const actor = systemActor(`sso:${provider.id}`);
  const refuse = async (reason: string, userId: string | null = null): Promise<never> => {
    const changes = createdChanges({ reason, subject: identity.subject });
    await recordAudit(deps.db, userEntry(actor, "auth.sso_refused", userId, request, changes));
    throw new SsoRefused(reason);
  };
  if (provider.allowedDomains.length > 0) {
    const domain = identity.email?.split("@")[1];
    if (!identity.emailVerified || !domain || !provider.allowedDomains.includes(domain))
      return refuse(`${provider.name} accounts of this e-mail domain may not sign in to Warden.`);
  }
  const role = mappedRole(provider, identity.claimValues);
  const thisIdentity = and(
    eq(userIdentities.issuer, identity.issuer),
    eq(userIdentities.subject, identity.subject),
  );
  const [linked] = await deps.db
    .select({ user: users })
    .from(userIdentities)
    .innerJoin(users, eq(users.id, userIdentities.userId))
    .where(thisIdentity);
  let user = linked?.user ?? null;
  if (!user && identity.email && identity.emailVerified) {
    user = await findUserByEmail(deps.db, identity.email);
    const userId = user?.id;
    if (userId)
      await writeAudited(deps.db, linkedEntry(provider, userId, actor, request), (tx) =>
        tx.insert(userIdentities).values(identityRow(provider, identity, userId)),
      );
  }
  if (!user) {
    if (!provider.createUsers)
      return refuse("There is no Warden account for you yet. Ask an administrator to create one.");
    if (!role) return refuse(`Your ${provider.name} account has no Warden role. Ask an administrator.`);
    user = await createSsoUser(deps, provider, identity, role, actor, request);
  }
  if (!user.isActive) return refuse("Your Warden account is deactivated.", user.id);
  if (provider.syncRole && user.role !== role) {
    if (!role)
      return refuse(`Your ${provider.name} account has no Warden role. Ask an administrator.`, user.id);
    await updateUser(deps, actor, user.id, { role }, request);
    user = await findUser(deps.db, user.id);
  }
  await deps.db
    .update(userIdentities)
    .set({ lastUsedAt: Date.now(), email: identity.email })
    .where(thisIdentity);
  return user;
}

/**
 * The role the claim's values map to (the most powerful one when several match), else the
 * provider's `defaultRole`, else null.
 */
export function mappedRole(provider: OidcProviderConfig, values: readonly string[]): Role | null {
  const matched = values.flatMap((v) =>
    Object.hasOwn(provider.roles, v) ? [provider.roles[v] as Role] : [],
  );
  return ROLES.find((r) => matched.includes(r)) ?? provider.defaultRole;
}

function identityRow(provider: OidcProviderConfig, identity: ProviderIdentity, userId: string) {
  const now = Date.now();
  return {
    issuer: identity.issuer,
    subject: identity.subject,
    userId,
    providerId: provider.id,
    email: identity.email,
    createdAt: now,
    lastUsedAt: now,
  };
}

function linkedEntry(provider: OidcProviderConfig, userId: string, actor: Actor, request?: RequestFacts) {
  const changes = { provider: { before: null, after: provider.id } };
  return userEntry(actor, "user.identity_linked", userId, request, changes);
}

/** A new user for an identity: username from the provider (made unique), an unusable password. */
async function createSsoUser(
  deps: UserDeps,
  provider: OidcProviderConfig,
  identity: ProviderIdentity,
  role: Role,
  actor: Actor,
  request: RequestFacts | undefined,
): Promise<User> {
  if (!identity.email)
    throw new SsoRefused(`${provider.name} did not share your e-mail address, which Warden needs.`);
  const username = await freeUsername(deps, identity.username ?? identity.email.split("@")[0] ?? "user");
  const now = Date.now();
  const row = {
    id: Bun.randomUUIDv7(),
    email: identity.email,
    username,
    displayName: identity.name?.trim().slice(0, 100) || username,
    // Nobody knows this password: the account signs in through its provider (an admin may set one).
    passwordHash: await hashPassword(crypto.randomUUID() + crypto.randomUUID()),
    role,
    createdAt: now,
    updatedAt: now,
  };
  const changes = createdChanges({ email: row.email, role, provider: provider.id });
  await deps.db.transaction(async (tx) => {
    await tx.insert(users).values(row);
    await tx.insert(userIdentities).values(identityRow(provider, identity, row.id));
    await recordAudit(tx, userEntry(actor, "user.create", row.id, request, changes));
    await recordAudit(tx, linkedEntry(provider, row.id, actor, request));
  });
  return findUser(deps.db, row.id);
}

/** A username from the provider's suggestion, fitted to Warden's rules and not taken yet. */
async function freeUsername(deps: UserDeps, suggestion: string): Promise<string> {
  const base =
    suggestion
      .toLowerCase()
      .replace(/[^a-z0-9._-]+/g, "-")
      .replace(/^[^a-z0-9]+/, "")
      .slice(0, 32) || "user";
  const padded = base.length < 3 ? `${base}-user` : base;
  for (let n = 0; n < 100; n++) {
    const candidate = n === 0 ? padded : `${padded}-${n + 1}`;
    const [taken] = await deps.db.select({ id: users.id }).from(users).where(eq(users.username, candidate));
    if (!taken) return candidate;
  }
  return `${padded}-${crypto.randomUUID().slice(0, 8)}`;
}
