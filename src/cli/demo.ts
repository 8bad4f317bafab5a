import type { ConfigFlags } from "../config.ts";
import { migrate, readMigrations } from "../db/migrate.ts";
import { systemActor } from "../kit/actor.ts";
import { UsageError } from "./args.ts";
import { loadCommandConfig, openConfiguredDatabase } from "./bootstrap.ts";
import { seedDemo } from "./demo-data.ts";

/** `warden demo seed`: fills a demo data set on request (never automatically); prints the demo accounts once. */
export async function demoCommand(flags: ConfigFlags, positionals: string[]): Promise<void> {
  const [sub, ...extra] = positionals;
  if (sub !== "seed")
    throw new UsageError(sub ? `unknown demo subcommand "${sub}"` : "demo needs a subcommand: seed", "demo");
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`, "demo");
  const { loaded } = loadCommandConfig(flags, "read");
  const database = await openConfiguredDatabase(loaded.config);
  try {
    await migrate(database.client, readMigrations());
    const result = await seedDemo(
      { db: database.db, config: { get: () => loaded.config } },
      systemActor("demo seed"),
    );
    if (result.alreadySeeded) {
      console.log("demo data is already there; nothing changed");
      return;
    }
    console.log(
      `seeded ${result.incidents} incidents, ${result.assets} assets, ${result.vulnerabilities} vulnerabilities, ${result.documents} documents, ${result.alerts} alerts, ${result.cases} case and ${result.accounts.length} demo accounts (passwords shown only now):`,
    );
    for (const a of result.accounts)
      console.log(`  ${a.username.padEnd(16)} ${a.role.padEnd(8)} ${a.password}`);
  } finally {
    database.close();
  }
}
