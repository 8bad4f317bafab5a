import { and, asc, count, eq, or, sql } from "drizzle-orm";
import { z } from "zod";
import type { ConfigSource } from "../../config/live.ts";
import type { Db } from "../../db/client.ts";
import { ROLES, type Role, type User, users } from "../../db/schema/users.ts";
import type { Actor } from "../../kit/actor.ts";
import {
  type AuditInput,
  type Changes,
  type RequestFacts,
  recordAudit,
  writeAudited,
} from "../../kit/audit.ts";
import { assertCan } from "../../kit/rbac.ts";
import { Conflict, NotFound, Validation } from "../../lib/errors.ts";
import { fieldErrors } from "../../lib/validation.ts";
import type { Bus } from "../../realtime/bus.ts";
import { announceCredentialsEnded } from "../../realtime/ended-credentials.ts";
import { hashPassword, passwordProblem } from "../auth/passwords.ts";
import { refreshTokens } from "../auth/schema.ts";
import type { SessionCache } from "../auth/session-cache.ts";
import { auditRevokedApiTokens, revokeAllApiTokens } from "../tokens/service.ts";

/** What user services need. */
export interface UserDeps {
  db: Db;
  config: ConfigSource;
  /** Told when a user's sessions end, so live connections close (absent in the CLI). */
  bus?: Bus;
  /** Verified access tokens and session users of the running server (absent in the CLI). */
  sessions?: SessionCache;
}

/** Announces that `userId`'s settings (e.g. language) changed: cached copies are dropped. */
export function announceUserChanged(deps: UserDeps, userId: string): void {
  deps.bus?.publish("users", "user.changed", { userId });
}

/** A user as shown by the API and pages: never the password hash or token version. */
export interface PublicUser {
  id: string;
  email: string;
  username: string;
  displayName: string;
  role: Role;
  isActive: boolean;
  createdAt: number;
  updatedAt: number;
  lastLoginAt: number | null;
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

const email = z
  .email("Enter a valid email address.")
  .max(254)
  .transform((v) => v.toLowerCase());
const username = z
  .string()
  .trim()
  .min(3, "Use at least 3 characters.")
  .max(40, "Use at most 40 characters.")
  .regex(/^[a-z0-9][a-z0-9._-]*$/, "Use lower-case letters, digits, dot, dash or underscore.");
const displayName = z.string().trim().min(1, "Enter a name.").max(100, "Use at most 100 characters.");
const password = z.string().min(1, "Enter a password.").max(256, "Use at most 256 characters.");

/** Input of a new user (admin creation, setup and registration share it). */
export const newUserSchema = z.object({
  email,
  username,
  displayName: displayName.optional(),
  password,
  role: z.enum(ROLES).default("viewer"),
});
/** A new user as given. */
export type NewUserInput = z.input<typeof newUserSchema>;

/**
 * Adds the password policy (minimum length read at parse time, so a config reload
 * applies) to a schema holding `password` and optionally `email`/`username`, so the policy
 * is reported together with every other field problem.
 */
export function withPasswordPolicy<T extends z.ZodObject<{ password: z.ZodString }>>(
  schema: T,
  config: ConfigSource,
) {
  return schema.superRefine((value, ctx) => {
    const v = value as { password?: unknown; email?: unknown; username?: unknown };
    if (typeof v.password !== "string") return;
    const problem = passwordProblem(v.password, config.get().auth.passwordMinLength, {
      email: typeof v.email === "string" ? v.email : undefined,
      username: typeof v.username === "string" ? v.username : undefined,
    });
    if (problem) ctx.addIssue({ code: "custom", path: ["password"], message: problem });
  });
}

/** Changes an admin can make to a user. */
export const userPatchSchema = z
  .object({
    role: z.enum(ROLES).optional(),
    isActive: z.boolean().optional(),
    displayName: displayName.optional(),
  })
  .refine((v) => Object.keys(v).length > 0, "Change at least one of role, isActive, displayName.");

/**
 * Whether a password change keeps the user's API tokens valid: off by default, so a new
 * password also ends every `wdn_` token (a token that leaked with the old password dies with it).
 */
export const keepApiTokens = z.boolean().default(false);

/** A new password (admin reset). */
export const passwordResetSchema = z.object({ password, keepApiTokens });

/** The public view of a user row. */
export function toPublicUser(user: User): PublicUser {
  const { passwordHash: _hash, tokenVersion: _version, locale: _locale, ...rest } = user;
  return rest;
}

/** Lists every user, by username (admin). */
export async function listUsers(deps: UserDeps, actor: Actor): Promise<PublicUser[]> {
  assertCan(actor, "read", "users");
  const rows = await deps.db.select().from(users).orderBy(asc(users.username));
  return rows.map(toPublicUser);
}

/**
 * Active people by display name, for choosing an assignee: only ids and names, so any
 * role that may assign work can read it (the full user list stays admin-only).
 */
export async function activePeople(db: Db): Promise<{ id: string; name: string }[]> {
  return db
    .select({ id: users.id, name: users.displayName })
    .from(users)
    .where(eq(users.isActive, true))
    .orderBy(asc(users.displayName));
}

/** One user by id (admin). */
export async function getUser(deps: UserDeps, actor: Actor, id: string): Promise<PublicUser> {
  assertCan(actor, "read", "users");
  return toPublicUser(await findUser(deps.db, id));
}

/** The actor's own account (any signed-in user, directly or through a token). */
export async function getSelf(deps: UserDeps, actor: Actor): Promise<PublicUser> {
  if (actor.type === "system") throw new NotFound("Warden itself has no account.");
  return toPublicUser(await findUser(deps.db, actor.id));
}

/** Number of users; zero means first run. */
export async function countUsers(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(users);
  return row?.n ?? 0;
}

/**
 * The full check of a new account's input in one pass: shape, password policy, and
 * (async, against the database) that email and username are free. Every route and the
 * CLI validate with it, so every problem is reported at once.
 */
export function newAccountSchema<
  T extends z.ZodObject<{ password: z.ZodString; email: typeof email; username: typeof username }>,
>(schema: T, deps: UserDeps) {
  return withPasswordPolicy(schema, deps.config).superRefine(async (value, ctx) => {
    const v = value as { email?: unknown; username?: unknown };
    const address = typeof v.email === "string" ? v.email.toLowerCase() : "";
    const name = typeof v.username === "string" ? v.username : "";
    if (!address && !name) return;
    const clash = await deps.db
      .select({ email: users.email, username: users.username })
      .from(users)
      .where(or(eq(users.email, address), eq(users.username, name)));
    if (clash.some((u) => u.email === address)) {
      ctx.addIssue({ code: "custom", path: ["email"], message: "This email address is already in use." });
    }
    if (clash.some((u) => u.username === name)) {
      ctx.addIssue({ code: "custom", path: ["username"], message: "This username is already taken." });
    }
  });
}

/** Input of a user created by an admin (or the CLI), fully checked. */
export const newUserInput = (deps: UserDeps) => newAccountSchema(newUserSchema, deps);

/**
 * Validates a new user and builds its row.
 * @throws Validation naming each bad field.
 */
async function prepareUser(deps: UserDeps, input: NewUserInput) {
  const result = await newUserInput(deps).safeParseAsync(input);
  if (!result.success) throw new Validation(fieldErrors(result.error));
  const parsed = result.data;
  const now = Date.now();
  return {
    id: Bun.randomUUIDv7(),
    email: parsed.email,
    username: parsed.username,
    displayName: parsed.displayName ?? parsed.username,
    passwordHash: await hashPassword(parsed.password),
    role: parsed.role,
    isActive: true,
    tokenVersion: 0,
    createdAt: now,
    updatedAt: now,
  };
}

/** Creates a user (admin). Audited. */
export async function createUser(
  deps: UserDeps,
  actor: Actor,
  input: NewUserInput,
  request?: RequestFacts,
): Promise<PublicUser> {
  assertCan(actor, "create", "users");
  const row = await prepareUser(deps, input);
  const entry = {
    actor,
    action: "user.create",
    resourceType: "user",
    resourceId: row.id,
    changes: { email: { before: null, after: row.email }, role: { before: null, after: row.role } },
    request,
  };
  await writeAudited(deps.db, entry, async (tx) => {
    await tx.insert(users).values(row);
  });
  return toPublicUser(await findUser(deps.db, row.id));
}

/**
 * Creates the first admin while no user exists (first run). Checked inside a write
 * transaction so two concurrent setups cannot both succeed.
 * @throws Conflict once any user exists.
 */
export async function createFirstAdmin(
  deps: UserDeps,
  input: Omit<NewUserInput, "role">,
  request?: RequestFacts,
): Promise<PublicUser> {
  if ((await countUsers(deps.db)) > 0) throw new Conflict("Setup is already complete. Sign in instead.");
  const row = await prepareUser(deps, { ...input, role: "admin" });
  await deps.db.transaction(
    async (tx) => {
      const [existing] = await tx.select({ n: count() }).from(users);
      if ((existing?.n ?? 0) > 0) throw new Conflict("Setup is already complete. Sign in instead.");
      await tx.insert(users).values(row);
      await recordAudit(tx, {
        actor: { type: "user", id: row.id, label: row.username, role: "admin" },
        action: "user.setup",
        resourceType: "user",
        resourceId: row.id,
        changes: { email: { before: null, after: row.email }, role: { before: null, after: "admin" } },
        request,
      });
    },
    { behavior: "immediate" },
  );
  return toPublicUser(await findUser(deps.db, row.id));
}

/**
 * Self-registration as a viewer, when `auth.allowRegistration` is on. Answers the same,
 * after the same work (a password hash), whether or not the address was taken, so it
 * cannot be used to discover accounts.
 */
export async function registerUser(
  deps: UserDeps,
  input: Omit<NewUserInput, "role">,
  request?: RequestFacts,
): Promise<void> {
  if (!deps.config.get().auth.allowRegistration) throw new NotFound("Registration is not enabled.");
  try {
    const row = await prepareUser(deps, { ...input, role: "viewer" });
    const entry: AuditInput = {
      actor: { type: "user", id: row.id, label: row.username, role: "viewer" },
      action: "user.register",
      resourceType: "user",
      resourceId: row.id,
      request,
    };
    await writeAudited(deps.db, entry, async (tx) => {
      await tx.insert(users).values(row);
    });
  } catch (error) {
    if (!(error instanceof Validation)) throw error;
    const taken = Object.entries(error.fields).filter(([, m]) => m.includes("already"));
    const other = Object.entries(error.fields).filter(([, m]) => !m.includes("already"));
    if (other.length > 0) throw new Validation(Object.fromEntries(other));
    if (taken.length > 0) {
      // The hash a new account costs, spent anyway: the answer's timing must not tell a taken address apart.
      await hashPassword(input.password);
      await recordAudit(deps.db, {
        actor: { type: "system", id: null, label: "registration" },
        action: "user.register_duplicate",
        resourceType: "user",
        request,
      });
    }
  }
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
  assertCan(actor, "update", "users");
  const before = await findUser(deps.db, id);
  const losesAdmin =
    before.role === "admin" &&
    before.isActive &&
    ((patch.role && patch.role !== "admin") || patch.isActive === false);
  const changes: Changes = {};
  for (const key of ["role", "isActive", "displayName"] as const) {
    if (patch[key] !== undefined && patch[key] !== before[key])
      changes[key] = { before: before[key], after: patch[key] };
  }
  if (Object.keys(changes).length === 0) return toPublicUser(before);
  const endsSessions = "role" in changes || "isActive" in changes;
  const entry = { actor, action: "user.update", resourceType: "user", resourceId: id, changes, request };
  await writeAudited(deps.db, entry, async (tx) => {
    if (losesAdmin) {
      const [row] = await tx
        .select({ n: count() })
        .from(users)
        .where(and(eq(users.role, "admin"), eq(users.isActive, true)));
      if ((row?.n ?? 0) <= 1)
        throw new Conflict("This is the last active admin. Make another user admin first.");
    }
    await tx
      .update(users)
      .set({
        ...patch,
        updatedAt: Date.now(),
        ...(endsSessions ? { tokenVersion: sql`${users.tokenVersion} + 1` } : {}),
      })
      .where(eq(users.id, id));
    if (patch.isActive === false) {
      await tx.update(refreshTokens).set({ revokedAt: Date.now() }).where(eq(refreshTokens.userId, id));
    }
  });
  if (endsSessions)
    announceCredentialsEnded(deps, {
      userId: id,
      reason: patch.isActive === false ? "account deactivated" : "role changed",
    });
  return toPublicUser(await findUser(deps.db, id));
}

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
  assertCan(actor, "update", "users");
  await replacePassword(deps, actor, await findUser(deps.db, id), input, "user.reset_password", request);
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
  await deps.db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, updatedAt: Date.now(), tokenVersion: sql`${users.tokenVersion} + 1` })
      .where(eq(users.id, user.id));
    await tx.update(refreshTokens).set({ revokedAt: Date.now() }).where(eq(refreshTokens.userId, user.id));
    await recordAudit(tx, {
      actor,
      action,
      resourceType: "user",
      resourceId: user.id,
      changes: { password: { before: "set", after: "changed" } },
      request,
    });
    // After the password's entry: the tokens are revoked because of it.
    if (!keepTokens) await auditRevokedApiTokens(tx, actor, await revokeAllApiTokens(tx, user.id), request);
  });
  announceCredentialsEnded(deps, { userId: user.id, sessionsOnly: keepTokens, reason: "password changed" });
}

/** A user by email (lower-cased), or null. */
export async function findUserByEmail(db: Db, address: string): Promise<User | null> {
  const [row] = await db.select().from(users).where(eq(users.email, address.toLowerCase()));
  return row ?? null;
}

async function findUser(db: Db, id: string): Promise<User> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  if (!row) throw new NotFound("No user with this id.");
  return row;
}
