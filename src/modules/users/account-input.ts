import { eq, or } from "drizzle-orm";
import { z } from "zod";
import type { ConfigSource } from "../../config/live.ts";
import { ROLES, users } from "../../db/schema/users.ts";
import type { CoreDeps } from "../../kit/core-deps.ts";
import { passwordProblem } from "../auth/passwords.ts";

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

/** A person's display name. */
export const displayName = z.string().trim().min(1, "Enter a name.").max(100, "Use at most 100 characters.");

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

/**
 * Input of a user created by an admin (or the CLI), fully checked in one pass: shape,
 * password policy, and (async, against the database) that email and username are free.
 * Every route and the CLI validate with it, so every problem is reported at once. `deps`: the
 * policy in force and the users already stored.
 */
export function newUserInput(deps: Pick<CoreDeps, "db" | "config">) {
  return withPasswordPolicy(newUserSchema, deps.config).superRefine(async (value, ctx) => {
    const v = value as { email?: unknown; username?: unknown };
    const address = typeof v.email === "string" ? v.email.toLowerCase() : "";
    const name = typeof v.username === "string" ? v.username : "";
    if (!address && !name) return;
    const clash = await deps.db
      .select({ email: users.email, username: users.username })
      .from(users)
      .where(or(eq(users.email, address), eq(users.username, name)));
    if (clash.some((u) => u.email === address))
      ctx.addIssue({ code: "custom", path: ["email"], message: "This email address is already in use." });
    if (clash.some((u) => u.username === name))
      ctx.addIssue({ code: "custom", path: ["username"], message: "This username is already taken." });
  });
}
