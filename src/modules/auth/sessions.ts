import { and, eq, isNotNull, isNull, or, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/client.ts";
import { type User, users } from "../../db/schema/users.ts";
import { systemActor, type UserActor } from "../../kit/actor.ts";
import { type RequestFacts, recordAudit } from "../../kit/audit.ts";
import { Unauthorized } from "../../lib/errors.ts";
import { announceCredentialsEnded } from "../../realtime/ended-credentials.ts";
import { publicUserSchema, toPublicUser, type UserDeps } from "../users/service.ts";
import { userEntry } from "../users/user-entry.ts";
import { signAccessToken, verifyAccessToken } from "./access-tokens.ts";
import { hashToken, newOpaqueToken } from "./opaque-tokens.ts";
import { hashPassword, verifyNothing, verifyPassword } from "./passwords.ts";
import { refreshTokens } from "./schema.ts";

/** Credentials as the login form and `POST /auth/login` take them. */
export const loginSchema = z.object({
  login: z.string().trim().min(1, "Enter your email or username.").max(254),
  password: z.string().min(1, "Enter your password.").max(256),
});

/** A new pair of tokens, as `POST /auth/login` and `/auth/refresh` answer. */
export const tokenPairSchema = z.object({
  accessToken: z.string(),
  refreshToken: z.string(),
  tokenType: z.literal("Bearer"),
  expiresIn: z.number().int().describe("Seconds until the access token expires"),
  user: publicUserSchema,
});

/** A new pair of tokens. */
export type TokenPair = z.infer<typeof tokenPairSchema>;

const BAD_LOGIN = "Wrong login or password.";

/** The actor a user row acts as. */
export function userActor(
  user: Pick<User, "id" | "username" | "role" | "locale">,
): Extract<UserActor, { type: "user" }> {
  return { type: "user", id: user.id, label: user.username, role: user.role, locale: user.locale };
}

/**
 * Signs a user in with a password alone (the browser session that just changed it, the
 * first admin): {@link checkCredentials}, then {@link signInAs}. Sign-in from outside goes
 * through mfa-sign-in.ts, which asks for the second factor between the two.
 */
export async function login(
  deps: UserDeps,
  input: z.infer<typeof loginSchema>,
  request?: RequestFacts,
): Promise<TokenPair> {
  return signInAs(deps, await checkCredentials(deps, input, request), request);
}

/**
 * Checks a login and password. Unknown login, wrong password, deactivated account and a
 * password sign-in that `auth.localSignIn` does not allow all give the same 401 after the
 * same work (one password verification), so responses reveal nothing. Failures are audited.
 */
export async function checkCredentials(
  deps: UserDeps,
  input: { login: string; password: string },
  request?: RequestFacts,
): Promise<User> {
  const key = input.login.toLowerCase();
  const [user] = await deps.db
    .select()
    .from(users)
    .where(or(eq(users.email, key), eq(users.username, key)));
  let ok = false;
  if (user) {
    const check = await verifyPassword(input.password, user.passwordHash);
    // The same answer when auth.localSignIn keeps this user to single sign-on: a refusal must not confirm a password.
    ok = check.ok && user.isActive && maySignInLocally(deps, user);
    if (check.ok && check.rehash) {
      await deps.db
        .update(users)
        .set({ passwordHash: await hashPassword(input.password) })
        .where(eq(users.id, user.id));
    }
  } else {
    await verifyNothing(input.password);
  }
  if (!user || !ok) {
    const actor = systemActor(`login:${key.slice(0, 64)}`);
    await recordAudit(deps.db, userEntry(actor, "auth.login_failed", user?.id ?? null, request));
    throw new Unauthorized(BAD_LOGIN);
  }
  return user;
}

/** True when `auth.localSignIn` lets this user sign in with Warden's own credentials (a password, a passkey). */
export function maySignInLocally(deps: UserDeps, user: User): boolean {
  const local = deps.config.get().auth.localSignIn;
  return local === "everyone" || (local === "admins" && user.role === "admin");
}

/**
 * Starts a new sign-in session for a user whose identity was proven (password or single
 * sign-on): records the sign-in (audited as `auth.login`, `via` naming a provider, or the
 * factors when more than a password: `password+totp`, `passkey` …) and
 * issues the first token pair of a new family (`sessionId`, new unless given).
 */
export async function signInAs(
  deps: UserDeps,
  user: User,
  request?: RequestFacts,
  options: { via?: string; sessionId?: string } = {},
): Promise<TokenPair> {
  const { via, sessionId = Bun.randomUUIDv7() } = options;
  const now = Date.now();
  await deps.db.update(users).set({ lastLoginAt: now }).where(eq(users.id, user.id));
  const changes = via ? { via: { before: null, after: via } } : undefined;
  await recordAudit(deps.db, userEntry(userActor(user), "auth.login", user.id, request, changes));
  return issuePair(deps, { ...user, lastLoginAt: now }, sessionId, request);
}

/**
 * How long after its use a refresh token may be presented again, by the same user agent it was
 * given to: requests of one browser that renew its session at the same moment (several tabs or
 * live streams after the machine wakes) each get a pair of the same session, rather than being
 * taken for a leaked token.
 */
export const REFRESH_REUSE_GRACE_MS = 10_000;

/**
 * Exchanges a refresh token for a new pair. Tokens are single-use: a token presented a
 * second time (after {@link REFRESH_REUSE_GRACE_MS}) has leaked, so its whole family is
 * revoked, audited (`auth.refresh_reuse`), and the answer is 401.
 */
export async function refresh(deps: UserDeps, token: string, request?: RequestFacts): Promise<TokenPair> {
  const hash = hashToken(token);
  const [row] = await deps.db.select().from(refreshTokens).where(eq(refreshTokens.tokenHash, hash));
  if (!row) throw new Unauthorized("Sign in again.");
  const now = Date.now();
  // Only the browser the token was given to renews again within the grace: a replay from
  // another user agent is a leak at once.
  const justUsed = row.usedAt !== null && now - row.usedAt <= REFRESH_REUSE_GRACE_MS;
  const sameAgent = (row.userAgent ?? null) === (request?.userAgent ?? null);
  if (row.revokedAt === null && justUsed && sameAgent && row.expiresAt > now)
    return renewal(deps, row, request);
  if (row.usedAt !== null || row.revokedAt !== null) {
    const revoked = await revokeFamily(deps, row, "session revoked");
    if (row.usedAt !== null && revoked > 0)
      await recordAudit(
        deps.db,
        userEntry(systemActor("refresh-reuse"), "auth.refresh_reuse", row.userId, request),
      );
    throw new Unauthorized("Sign in again.");
  }
  if (row.expiresAt <= now) throw new Unauthorized("Your session expired. Sign in again.");
  // Mark used only if still unused; a request that lost the race reads the token again.
  const claimed = await deps.db
    .update(refreshTokens)
    .set({ usedAt: now })
    .where(and(eq(refreshTokens.id, row.id), isNull(refreshTokens.usedAt), isNull(refreshTokens.revokedAt)))
    .returning({ id: refreshTokens.id });
  if (claimed.length === 0) return refresh(deps, token, request);
  return renewal(deps, row, request);
}

/** A new pair of the session (refresh-token family) of `row`, for its user if still active. */
async function renewal(
  deps: UserDeps,
  row: typeof refreshTokens.$inferSelect,
  request?: RequestFacts,
): Promise<TokenPair> {
  const [user] = await deps.db.select().from(users).where(eq(users.id, row.userId));
  if (!user?.isActive) throw new Unauthorized("Sign in again.");
  return issuePair(deps, user, row.familyId, request);
}

/**
 * Signs out: revokes the whole sign-in session (refresh-token family), named by one of its
 * refresh tokens or by its id (the `sid` of its access tokens), so its access tokens and live
 * connections end at once. Unknown ones are ignored.
 */
export async function logout(
  deps: UserDeps,
  session: { refreshToken?: string | null; sessionId?: string },
  request?: RequestFacts,
): Promise<void> {
  const which = session.refreshToken
    ? eq(refreshTokens.tokenHash, hashToken(session.refreshToken))
    : session.sessionId
      ? eq(refreshTokens.familyId, session.sessionId)
      : undefined;
  if (!which) return;
  const [row] = await deps.db.select().from(refreshTokens).where(which).limit(1);
  if (!row) return;
  await revokeFamily(deps, row, "signed out");
  const [user] = await deps.db.select().from(users).where(eq(users.id, row.userId));
  if (user) await recordAudit(deps.db, userEntry(userActor(user), "auth.logout", user.id, request));
}

/**
 * The actor of an access token, checked against the user on every request: the user must
 * exist, be active, the token's version must be current and its sign-in session must not
 * have ended. So a sign-out, role change, deactivation or password reset takes effect on the
 * very next request (within a second when another process made it: see SessionCache, which
 * spares the signature check and the reads).
 */
export async function actorFromAccessToken(deps: UserDeps, token: string): Promise<UserActor | null> {
  const secret = secretOf(deps);
  const claims = await (deps.sessions?.claims(token, secret, verifyAccessToken) ??
    verifyAccessToken(token, secret));
  if (!claims) return null;
  const query = preparedSessionQueries.getOrInsertComputed(deps.db, prepareSessionUser);
  const load = () => query.get({ id: claims.sub });
  const user = await (deps.sessions?.user(claims.sub, load) ?? load());
  if (!user?.isActive || user.tokenVersion !== claims.ver) return null;
  const ended = () => sessionEnded(deps.db, claims.sid);
  if (await (deps.sessions?.sessionEnded(claims.sid, ended) ?? ended())) return null;
  return { ...userActor(user), sessionId: claims.sid };
}

/**
 * True when sign-in session `familyId` ended: its refresh tokens were revoked (signed out,
 * reused, password changed). Revocations stay in `refresh_tokens`, so this holds across restarts.
 */
async function sessionEnded(db: Db, familyId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: refreshTokens.id })
    .from(refreshTokens)
    .where(and(eq(refreshTokens.familyId, familyId), isNotNull(refreshTokens.revokedAt)))
    .limit(1);
  return row !== undefined;
}

/** Runs on every authenticated request: prepared once per database, only the columns needed. */
const preparedSessionQueries = new WeakMap<Db, ReturnType<typeof prepareSessionUser>>();

function prepareSessionUser(db: Db) {
  const { id, username, role, isActive, tokenVersion, locale } = users;
  return db
    .select({ id, username, role, isActive, tokenVersion, locale })
    .from(users)
    .where(eq(users.id, sql.placeholder("id")))
    .prepare();
}

async function issuePair(
  deps: UserDeps,
  user: User,
  familyId: string,
  request?: RequestFacts,
): Promise<TokenPair> {
  const config = deps.config.get();
  const refreshToken = newOpaqueToken();
  const now = Date.now();
  await deps.db.insert(refreshTokens).values({
    id: Bun.randomUUIDv7(),
    userId: user.id,
    familyId,
    tokenHash: hashToken(refreshToken),
    createdAt: now,
    expiresAt: now + config.auth.refreshTokenTtlDays * 86_400_000,
    ip: request?.ip ?? null,
    userAgent: request?.userAgent?.slice(0, 300) ?? null,
  });
  const ttl = config.security.accessTokenTtlSeconds;
  return {
    accessToken: await signAccessToken(user, familyId, secretOf(deps), ttl),
    refreshToken,
    tokenType: "Bearer",
    expiresIn: ttl,
    user: toPublicUser(user),
  };
}

/** Revokes a sign-in session (the family of `token`) and announces its end with `reason`. */
async function revokeFamily(deps: UserDeps, token: { userId: string; familyId: string }, reason: string) {
  const rows = await deps.db
    .update(refreshTokens)
    .set({ revokedAt: Date.now() })
    .where(and(eq(refreshTokens.familyId, token.familyId), isNull(refreshTokens.revokedAt)))
    .returning({ id: refreshTokens.id });
  announceCredentialsEnded(deps, { userId: token.userId, sessionId: token.familyId, reason });
  return rows.length;
}

/** `security.jwtSecret`: it signs access tokens and seals second-factor secrets. */
export function secretOf(deps: Pick<UserDeps, "config">): string {
  const secret = deps.config.get().security.jwtSecret;
  if (!secret) throw new Error("security.jwtSecret is not set");
  return secret;
}
