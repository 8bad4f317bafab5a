import { and, desc, eq, getTableColumns, isNull } from "drizzle-orm";
import { z } from "zod";
import { users } from "../../db/schema/users.ts";
import type { Tx } from "../../db/transaction.ts";
import type { Actor, UserActor } from "../../kit/actor.ts";
import { type RequestFacts, recordAudit } from "../../kit/audit.ts";
import { insertAudited } from "../../kit/audited-writes.ts";
import { assertCan } from "../../kit/rbac.ts";
import { createdChanges } from "../../kit/record-changes.ts";
import { credentialRevocation } from "../../kit/revocation.ts";
import { Forbidden, NotFound } from "../../lib/errors.ts";
import { announceCredentialsEnded } from "../../realtime/ended-credentials.ts";
import { hashToken, mintSecret } from "../auth/opaque-tokens.ts";
import type { UserDeps } from "../users/service.ts";
import { apiTokens } from "./schema.ts";

/** Prefix of every personal API token. */
export const API_TOKEN_PREFIX = "wdn_";

/** Input of a new token: a name and an optional expiry in days. */
export const newApiTokenSchema = z.object({
  name: z.string().trim().min(1, "Enter a name.").max(80, "Use at most 80 characters."),
  expiresInDays: z.number().int().min(1).max(3650).nullable().optional(),
});

/** A token as listed: never the secret. */
export const apiTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.number().int(),
  expiresAt: z.number().int().nullable(),
  lastUsedAt: z.number().int().nullable(),
  revokedAt: z.number().int().nullable(),
});

/** A listed token. */
export type ApiTokenView = z.infer<typeof apiTokenSchema>;

/** Don't write `last_used_at` more often than this per token. */
const LAST_USED_RESOLUTION_MS = 60_000;

/** The columns of a listed token: all but its owner and hash. */
const { userId: _owner, tokenHash: _hash, ...VIEW } = getTableColumns(apiTokens);

function owner(actor: Actor): UserActor {
  if (actor.type === "system") throw new NotFound("Only users own API tokens.");
  return actor;
}

/** The actor's own tokens, newest first. */
export async function listApiTokens(deps: UserDeps, actor: Actor): Promise<ApiTokenView[]> {
  assertCan(actor, "read", "tokens");
  return deps.db
    .select(VIEW)
    .from(apiTokens)
    .where(eq(apiTokens.userId, owner(actor).id))
    .orderBy(desc(apiTokens.createdAt));
}

/**
 * Creates a token for the actor. The secret is returned once and never stored. Audited.
 * @throws Forbidden when the actor is itself an API token: only a signed-in person mints
 * tokens, so a leaked token cannot outlive its revocation through tokens it made.
 */
export async function createApiToken(
  deps: UserDeps,
  actor: Actor,
  input: z.infer<typeof newApiTokenSchema>,
  request?: RequestFacts,
): Promise<ApiTokenView & { token: string }> {
  assertCan(actor, "create", "tokens");
  if (actor.type === "token")
    throw new Forbidden("An API token cannot create API tokens. Sign in with your password to create one.");
  const user = owner(actor);
  const { token, ...secret } = mintSecret(API_TOKEN_PREFIX);
  const now = Date.now();
  const row = {
    id: Bun.randomUUIDv7(),
    userId: user.id,
    name: input.name,
    ...secret,
    createdAt: now,
    expiresAt: input.expiresInDays ? now + input.expiresInDays * 86_400_000 : null,
  };
  const changes = createdChanges({ name: row.name, expiresAt: row.expiresAt });
  const entry = { actor, action: "token.create", resourceType: "api_token", changes, request };
  await insertAudited(deps.db, apiTokens, row, entry);
  const { userId: _owner, tokenHash: _hash, ...view } = row;
  return { ...view, lastUsedAt: null, revokedAt: null, token };
}

/** Revokes one of the actor's tokens: it is refused from now on and its live connections close. Audited. */
export const revokeApiToken = credentialRevocation({
  resource: "tokens",
  action: "token.revoke",
  resourceType: "api_token",
  table: apiTokens,
  missing: "No active token with this id.",
  ownedBy: (actor) => eq(apiTokens.userId, owner(actor).id),
  revoked: (deps: UserDeps, actor, id) =>
    announceCredentialsEnded(deps, { userId: owner(actor).id, tokenId: id, reason: "token revoked" }),
});

/**
 * Revokes every active API token of `userId` inside the caller's transaction `tx`, with one
 * `token.revoke` entry each by `actor`; the caller announces the end.
 */
export async function revokeAllApiTokens(tx: Tx, actor: Actor, userId: string, request?: RequestFacts) {
  const rows = await tx
    .update(apiTokens)
    .set({ revokedAt: Date.now() })
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  for (const { id } of rows)
    await recordAudit(tx, {
      actor,
      action: "token.revoke",
      resourceType: "api_token",
      resourceId: id,
      request,
    });
}

/**
 * The actor of a `wdn_…` token: its owner's current role, if the token is neither
 * revoked nor expired and the owner is active.
 */
export async function actorFromApiToken(deps: UserDeps, token: string): Promise<UserActor | null> {
  const [row] = await deps.db
    .select({ token: apiTokens, user: users })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(eq(apiTokens.tokenHash, hashToken(token)));
  const now = Date.now();
  if (!row || row.token.revokedAt !== null || !row.user.isActive) return null;
  if (row.token.expiresAt !== null && row.token.expiresAt <= now) return null;
  if (row.token.lastUsedAt === null || now - row.token.lastUsedAt > LAST_USED_RESOLUTION_MS)
    await deps.db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.token.id));
  return {
    type: "token",
    id: row.user.id,
    label: `${row.user.username} (${row.token.name})`,
    role: row.user.role,
    tokenId: row.token.id,
    expiresAt: row.token.expiresAt,
    locale: row.user.locale,
  };
}
