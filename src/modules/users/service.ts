import { and, asc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { ConfigSource } from "../../config/live.ts";
import type { Db } from "../../db/client.ts";
import { ROLES, type User, users } from "../../db/schema/users.ts";
import type { Actor } from "../../kit/actor.ts";
import { type RequestFacts, writeAudited } from "../../kit/audit.ts";
import { countRows } from "../../kit/count-rows.ts";
import { type Action, assertCan } from "../../kit/rbac.ts";
import { changesOf } from "../../kit/record-changes.ts";
import { Conflict, NotFound } from "../../lib/errors.ts";
import type { Bus } from "../../realtime/bus.ts";
import { announceCredentialsEnded } from "../../realtime/ended-credentials.ts";
import { refreshTokens } from "../auth/schema.ts";
import type { SessionCache } from "../auth/session-cache.ts";
import type { userPatchSchema } from "./account-input.ts";
import { userEntry } from "./user-entry.ts";

/** What user services need. */
export interface UserDeps {
  db: Db;
  config: ConfigSource;
  /** Told when a user's sessions end, so live connections close (absent in the CLI). */
  bus?: Bus;
  /** Verified access tokens and session users of the running server (absent in the CLI). */
  sessions?: SessionCache;
}

/** Shape of a public user for the API reference. */
export const publicUserSchema = z.object({
  id: z.string(),
  email: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  isActive: z.boolean(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
  lastLoginAt: z.number().int().nullable(),
});

/** A user as shown by the API and pages: never the password hash or token version. */
export type PublicUser = z.infer<typeof publicUserSchema>;

/** The public view of a user row. */
export function toPublicUser(user: User): PublicUser {
  const { passwordHash: _hash, tokenVersion: _version, locale: _locale, ...rest } = user;
  return rest;
}

/** Lists every user, by username (admin). */
export async function listUsers(deps: UserDeps, actor: Actor): Promise<PublicUser[]> {
  assertCan(actor, "read", "users");
  return (await deps.db.select().from(users).orderBy(asc(users.username))).map(toPublicUser);
}

/** One user by id (admin). */
export async function getUser(deps: UserDeps, actor: Actor, id: string): Promise<PublicUser> {
  return toPublicUser(await userFor(deps, actor, "read", id));
}

/** The actor's own account (any signed-in user, directly or through a token). */
export async function getSelf(deps: UserDeps, actor: Actor): Promise<PublicUser> {
  if (actor.type === "system") throw new NotFound("Warden itself has no account.");
  return toPublicUser(await findUser(deps.db, actor.id));
}

/** Number of users; zero means first run. */
export async function countUsers(db: Db): Promise<number> {
  return countRows(db, users);
}

/**
 * Changes role, active flag or display name (admin). A role change or deactivation
 * bumps the token version, so it applies on the user's very next request. The last
 * active admin can be neither demoted nor deactivated.
 */
export async function updateUser(
  deps: UserDeps,
  actor: Actor,
  id: string,
  patch: z.infer<typeof userPatchSchema>,
  request?: RequestFacts,
): Promise<PublicUser> {
  const before = await userFor(deps, actor, "update", id);
  const losesAdmin =
    before.role === "admin" &&
    before.isActive &&
    ((patch.role && patch.role !== "admin") || patch.isActive === false);
  const changes = changesOf(before, patch);
  if (Object.keys(changes).length === 0) return toPublicUser(before);
  const endsSessions = "role" in changes || "isActive" in changes;
  const entry = userEntry(actor, "user.update", id, request, changes);
  await writeAudited(deps.db, entry, async (tx) => {
    if (losesAdmin) {
      const admins = await countRows(tx, users, and(eq(users.role, "admin"), eq(users.isActive, true)));
      if (admins <= 1) throw new Conflict("This is the last active admin. Make another user admin first.");
    }
    await tx
      .update(users)
      .set({
        ...patch,
        updatedAt: Date.now(),
        ...(endsSessions ? { tokenVersion: sql`${users.tokenVersion} + 1` } : {}),
      })
      .where(eq(users.id, id));
    if (patch.isActive === false)
      await tx.update(refreshTokens).set({ revokedAt: Date.now() }).where(eq(refreshTokens.userId, id));
  });
  if (endsSessions)
    announceCredentialsEnded(deps, {
      userId: id,
      reason: patch.isActive === false ? "account deactivated" : "role changed",
    });
  return toPublicUser(await findUser(deps.db, id));
}

/** A user by email (lower-cased), or null. */
export async function findUserByEmail(db: Db, address: string): Promise<User | null> {
  const [row] = await db.select().from(users).where(eq(users.email, address.toLowerCase()));
  return row ?? null;
}

/** A user row by id (password hash included: for this module's services only). @throws NotFound */
export async function findUser(db: Db, id: string): Promise<User> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  if (!row) throw new NotFound("No user with this id.");
  return row;
}

/** The user row `id` for `actor` to `action` (as {@link findUser}): 403 when they may not, 404 when there is none. */
export function userFor(deps: { db: Db }, actor: Actor, action: Action, id: string): Promise<User> {
  assertCan(actor, action, "users");
  return findUser(deps.db, id);
}
