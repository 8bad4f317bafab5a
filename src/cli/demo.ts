import { migrate, readMigrations } from "../db/migrate.ts";
import { systemActor } from "../kit/actor.ts";
import type { DemoContext, DemoSeeded } from "../kit/demo.ts";
import { MODULES } from "../modules/index.ts";
import { type CommandArgs, UsageError } from "./args.ts";
import { loadCommandConfig, openConfiguredDatabase } from "./bootstrap.ts";

/**
 * `warden demo seed`: fills a demo data set on request (never automatically): every module's
 * demo hook in module order (people, incidents, assets, vulnerabilities, documents, the SOC's
 * alerts and case), each through its module's services; nothing when a module says its demo
 * data is there already. Prints the demo accounts once.
 */
export async function demoCommand({ flags, positionals }: CommandArgs): Promise<void> {
  const [sub, ...extra] = positionals;
  if (sub !== "seed")
    throw new UsageError(sub ? `unknown demo subcommand "${sub}"` : "demo needs a subcommand: seed", "demo");
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`, "demo");
  const { loaded } = loadCommandConfig(flags, "read");
  const database = await openConfiguredDatabase(loaded.config);
  try {
    await migrate(database.client, readMigrations());
    const seeded: DemoSeeded = { accounts: [], people: [], incidents: [], assets: new Map() };
    const ctx: DemoContext = {
      db: database.db,
      config: { get: () => loaded.config },
      actor: systemActor("demo seed"),
      seeded,
    };
    const demos = MODULES.flatMap((module) => (module.demo ? [module.demo()] : []));
    for (const demo of demos) {
      if (await demo.present?.(ctx)) {
        console.log("demo data is already there; nothing changed");
        return;
      }
    }
    const made: string[] = [];
    for (const demo of demos) made.push(...(await demo.seed(ctx)));
    console.log(
      `seeded ${made.join(", ")} and ${seeded.accounts.length} demo accounts (passwords shown only now):`,
    );
    for (const a of seeded.accounts)
      console.log(`  ${a.username.padEnd(16)} ${a.role.padEnd(8)} ${a.password}`);
  } finally {
    database.close();
  }
}
