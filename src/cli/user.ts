import { migrate, readMigrations } from "../db/migrate.ts";
import { systemActor } from "../kit/actor.ts";
import { AppError, Validation } from "../lib/errors.ts";
import { resetSecondFactor } from "../modules/auth/mfa-service.ts";
import { createUser } from "../modules/users/accounts.ts";
import { resetPassword } from "../modules/users/password-change.ts";
import { findUserByEmail, listUsers } from "../modules/users/service.ts";
import { type CommandArgs, CommandFailed, UsageError, type UserFlags } from "./args.ts";
import { loadCommandConfig, openConfiguredDatabase } from "./bootstrap.ts";

/** Reads the password from standard input (one line; the trailing newline is dropped). */
async function readPassword(flags: UserFlags): Promise<string> {
  if (!flags.passwordStdin)
    throw new UsageError("pass the password on standard input with --password-stdin", "user");
  const text = await new Response(Bun.stdin.stream()).text();
  const password = text.replace(/\r?\n$/, "");
  if (!password) throw new CommandFailed("no password on standard input");
  return password;
}

/** `warden user create|reset-password|reset-mfa|list`: user administration from the shell, audited as the system. */
export async function userCommand({ flags, user, positionals }: CommandArgs): Promise<void> {
  const [sub, ...extra] = positionals;
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`, "user");
  if (sub !== "create" && sub !== "reset-password" && sub !== "reset-mfa" && sub !== "list")
    throw new UsageError(
      sub
        ? `unknown user subcommand "${sub}"`
        : "user needs a subcommand: create, reset-password, reset-mfa or list",
      "user",
    );
  if (sub !== "list" && !user.email) throw new UsageError("--email is required", "user");
  if (sub === "create" && !user.username) throw new UsageError("--username is required", "user");
  const password = sub === "list" || sub === "reset-mfa" ? "" : await readPassword(user);

  const { loaded } = loadCommandConfig(flags, "read");
  const database = await openConfiguredDatabase(loaded.config);
  const deps = { db: database.db, config: { get: () => loaded.config } };
  const actor = systemActor("cli");
  try {
    await migrate(database.client, readMigrations());
    if (sub === "list") {
      const rows = await listUsers(deps, actor);
      if (rows.length === 0) console.log("no users yet: run `warden user create` or open /setup");
      for (const u of rows)
        console.log(
          `${u.username.padEnd(20)} ${u.email.padEnd(32)} ${u.role.padEnd(8)} ${u.isActive ? "active" : "inactive"}`,
        );
      return;
    }
    if (sub === "create") {
      const created = await createUser(deps, actor, {
        email: user.email as string,
        username: user.username as string,
        displayName: user.displayName,
        role: (user.role ?? "viewer") as "viewer",
        password,
      });
      console.log(`created ${created.role} ${created.username} <${created.email}>`);
      return;
    }
    const target = await findUserByEmail(database.db, user.email as string);
    if (!target) throw new CommandFailed(`no user with email ${user.email}`);
    if (sub === "reset-mfa") {
      // The break-glass of an admin who lost every second factor: no server runs to notify anyone.
      await resetSecondFactor(deps, actor, target.id);
      console.log(`two-factor sign-in of ${target.username} removed; they sign in with their password`);
      return;
    }
    await resetPassword(deps, actor, target.id, { password });
    console.log(`password of ${target.username} changed; their sessions and API tokens are ended`);
  } catch (error) {
    if (error instanceof Validation)
      throw new CommandFailed(
        Object.entries(error.fields)
          .map(([f, m]) => `${f}: ${m}`)
          .join("\n  "),
      );
    if (error instanceof AppError) throw new CommandFailed(error.detail ?? error.title);
    throw error;
  } finally {
    database.close();
  }
}
