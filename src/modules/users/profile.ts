import { eq } from "drizzle-orm";
import { z } from "zod";
import type { ConfigSource } from "../../config/live.ts";
import { type User, users } from "../../db/schema/users.ts";
import type { Actor } from "../../kit/actor.ts";
import { type RequestFacts, recordAudit } from "../../kit/audit.ts";
import { updateAudited } from "../../kit/audited-writes.ts";
import { changesOf } from "../../kit/record-changes.ts";
import { NotFound, Validation } from "../../lib/errors.ts";
import { verifyPassword } from "../auth/passwords.ts";
import { displayName, keepApiTokens, withPasswordPolicy } from "./account-input.ts";
import { replacePassword } from "./password-change.ts";
import { type PublicUser, toPublicUser, type UserDeps } from "./service.ts";
import { userEntry } from "./user-entry.ts";

/** What a user may change about themselves: display name and language (null: follow the browser). */
export function profileSchema(locales: readonly string[]) {
  return z
    .object({
      displayName: displayName.optional(),
      locale: z
        .string()
        .refine((v) => locales.includes(v), "Choose one of the offered languages.")
        .nullable()
        .optional(),
    })
    .refine(
      (v) => v.displayName !== undefined || v.locale !== undefined,
      "Change the display name or the language.",
    );
}

/**
 * A change of one's own password: the current one proves it is really them; `keepApiTokens`
 * keeps their API tokens valid (off: they are revoked with the sessions).
 */
export function passwordChangeSchema(config: ConfigSource) {
  return withPasswordPolicy(
    z.object({
      current: z.string().min(1, "Enter your current password.").max(256),
      password: z.string().min(1, "Enter a new password.").max(256, "Use at most 256 characters."),
      keepApiTokens,
    }),
    config,
  );
}

/** The actor's own user row: 404 for Warden itself, which has no profile. */
async function ownRow(deps: UserDeps, actor: Actor): Promise<User> {
  if (actor.type === "system") throw new NotFound("Warden itself has no profile.");
  const [row] = await deps.db.select().from(users).where(eq(users.id, actor.id));
  if (!row) throw new NotFound("No such user.");
  return row;
}

/** Changes the actor's own display name or language. Audited. */
export async function updateProfile(
  deps: UserDeps,
  actor: Actor,
  input: z.infer<ReturnType<typeof profileSchema>>,
  request?: RequestFacts,
): Promise<PublicUser & { locale: string | null }> {
  const before = await ownRow(deps, actor);
  const { id } = before;
  const changes = changesOf(before, input);
  if (Object.keys(changes).length > 0) {
    const entry = { actor, action: "user.profile", resourceType: "user", changes, request };
    await updateAudited(deps.db, users, id, input, entry);
    // Cached copies of the user (the session cache) are dropped: the new language holds at once.
    deps.bus?.publish("users", "user.changed", { userId: id });
  }
  const after = await ownRow(deps, actor);
  return { ...toPublicUser(after), locale: after.locale };
}

/**
 * Changes the actor's own password after checking the current one. Ends every session
 * of the user (the caller signs the current browser in again) and, unless `keepApiTokens`,
 * their API tokens. Audited, a wrong current password too (`auth.password_failed`).
 * @throws Validation with `current` when the current password is wrong.
 */
export async function changeOwnPassword(
  deps: UserDeps,
  actor: Actor,
  input: { current: string; password: string; keepApiTokens?: boolean },
  request?: RequestFacts,
): Promise<{ username: string }> {
  const user = await ownRow(deps, actor);
  const check = await verifyPassword(input.current, user.passwordHash);
  if (!check.ok) {
    // Audited like a failed sign-in; the app limits these attempts per account like sign-ins.
    await recordAudit(deps.db, userEntry(actor, "auth.password_failed", user.id, request));
    throw new Validation({ current: "This is not your current password." });
  }
  await replacePassword(deps, actor, user, input, "user.change_password", request);
  return { username: user.username };
}
