import { type Role, users } from "../../db/schema/users.ts";
import { type Actor, systemActor } from "../../kit/actor.ts";
import { type RequestFacts, recordAudit } from "../../kit/audit.ts";
import { insertAudited } from "../../kit/audited-writes.ts";
import { countRows } from "../../kit/count-rows.ts";
import { assertCan } from "../../kit/rbac.ts";
import { createdChanges } from "../../kit/record-changes.ts";
import { Conflict, NotFound, Validation } from "../../lib/errors.ts";
import { fieldErrors } from "../../lib/validation.ts";
import { hashPassword } from "../auth/passwords.ts";
import { type NewUserInput, newUserInput } from "./account-input.ts";
import { countUsers, findUser, type PublicUser, toPublicUser, type UserDeps } from "./service.ts";
import { userEntry } from "./user-entry.ts";

/**
 * Validates a new user and builds its row.
 * @throws Validation naming each bad field.
 */
async function prepareUser(deps: UserDeps, input: NewUserInput) {
  const result = await newUserInput(deps).safeParseAsync(input);
  if (!result.success) throw new Validation(fieldErrors(result.error));
  const { password, displayName, ...parsed } = result.data;
  const now = Date.now();
  return {
    id: Bun.randomUUIDv7(),
    ...parsed,
    displayName: displayName ?? parsed.username,
    passwordHash: await hashPassword(password),
    createdAt: now,
    updatedAt: now,
  };
}

/**
 * A person's own new account (first-run setup, self-registration) with `role`: its row, and
 * the new user as the actor who creates it.
 */
async function ownAccount(deps: UserDeps, input: Omit<NewUserInput, "role">, role: Role) {
  const row = await prepareUser(deps, { ...input, role });
  const actor: Actor = { type: "user", id: row.id, label: row.username, role };
  return { row, actor };
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
  const changes = createdChanges({ email: row.email, role: row.role });
  const entry = { actor, action: "user.create", resourceType: "user", changes, request };
  await insertAudited(deps.db, users, row, entry);
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
  const alreadySetUp = () => new Conflict("Setup is already complete. Sign in instead.");
  if ((await countUsers(deps.db)) > 0) throw alreadySetUp();
  const { row, actor } = await ownAccount(deps, input, "admin");
  const changes = createdChanges({ email: row.email, role: row.role });
  const entry = userEntry(actor, "user.setup", row.id, request, changes);
  await deps.db.transaction(
    async (tx) => {
      if ((await countRows(tx, users)) > 0) throw alreadySetUp();
      await tx.insert(users).values(row);
      await recordAudit(tx, entry);
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
    const { row, actor } = await ownAccount(deps, input, "viewer");
    const entry = { actor, action: "user.register", resourceType: "user", request };
    await insertAudited(deps.db, users, row, entry);
  } catch (error) {
    if (!(error instanceof Validation)) throw error;
    const taken = Object.entries(error.fields).filter(([, m]) => m.includes("already"));
    const other = Object.entries(error.fields).filter(([, m]) => !m.includes("already"));
    if (other.length > 0) throw new Validation(Object.fromEntries(other));
    if (taken.length > 0) {
      // The hash a new account costs, spent anyway: the answer's timing must not tell a taken address apart.
      await hashPassword(input.password);
      const actor = systemActor("registration");
      await recordAudit(deps.db, userEntry(actor, "user.register_duplicate", null, request));
    }
  }
}
