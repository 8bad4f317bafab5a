import { BackupError, backupDatabase } from "../modules/system/backup.ts";
import { type CommandArgs, CommandFailed, UsageError } from "./args.ts";
import { loadCommandConfig, openConfiguredDatabase } from "./bootstrap.ts";

/** `warden backup FILE`: a consistent snapshot of the running database. */
export async function backupCommand({ flags, positionals }: CommandArgs): Promise<void> {
  const [target, ...extra] = positionals;
  if (!target) throw new UsageError("backup needs the FILE to write", "backup");
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`, "backup");
  const { config } = loadCommandConfig(flags, "read").loaded;
  const database = await openConfiguredDatabase(config);
  try {
    const result = await backupDatabase(database, target);
    console.log(`backup written to ${result.path} (${result.bytes} bytes)`);
  } catch (error) {
    if (error instanceof BackupError) throw new CommandFailed(error.message);
    throw error;
  } finally {
    database.close();
  }
}
