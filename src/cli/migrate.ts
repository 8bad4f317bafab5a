import { MigrationRefused, migrate, readMigrations } from "../db/migrate.ts";
import { type CommandArgs, CommandFailed, UsageError } from "./args.ts";
import { loadCommandConfig, openConfiguredDatabase } from "./bootstrap.ts";

/** `warden migrate`: applies pending migrations and reports what it did. */
export async function migrateCommand({ flags, positionals }: CommandArgs): Promise<void> {
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`, "migrate");
  const { config } = loadCommandConfig(flags, "read").loaded;
  const database = await openConfiguredDatabase(config);
  try {
    const report = await migrate(database.client, readMigrations());
    if (report.applied.length === 0)
      console.log(`database is up to date (${report.alreadyApplied} migrations applied)`);
    else console.log(`applied ${report.applied.length} migration(s): ${report.applied.join(", ")}`);
  } catch (error) {
    if (error instanceof MigrationRefused) throw new CommandFailed(error.message);
    throw error;
  } finally {
    database.close();
  }
}
