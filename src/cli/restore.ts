import { embeddedFile } from "../db/client.ts";
import { readMigrations } from "../db/migrate.ts";
import { RestoreError, restoreDatabase } from "../modules/system/restore.ts";
import { type CommandArgs, CommandFailed, UsageError } from "./args.ts";
import { loadCommandConfig } from "./bootstrap.ts";

/** `warden restore FILE`: puts a backup in place of the configured embedded database. */
export async function restoreCommand({ flags, positionals }: CommandArgs): Promise<void> {
  const [source, ...extra] = positionals;
  if (!source) throw new UsageError("restore needs the backup FILE to read", "restore");
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`, "restore");
  const { config } = loadCommandConfig(flags, "read").loaded;
  const target = embeddedFile(config.database.url ?? "");
  if (!target)
    throw new CommandFailed(
      "restores of a libSQL server are made on that server; this command restores embedded database files only",
    );
  try {
    const result = await restoreDatabase(source, target, readMigrations());
    console.log(`restored ${source} to ${result.path}`);
    if (result.migrated.length > 0)
      console.log(
        `applied ${result.migrated.length} migration(s) the backup lacked: ${result.migrated.join(", ")}`,
      );
    if (result.previous) console.log(`the replaced database was kept as ${result.previous}`);
  } catch (error) {
    if (error instanceof RestoreError) throw new CommandFailed(error.message);
    throw error;
  }
}
