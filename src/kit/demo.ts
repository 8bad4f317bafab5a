import type { ConfigSource } from "../config/live.ts";
import type { Db } from "../db/client.ts";
import type { Role } from "../db/schema/users.ts";
import type { Actor } from "./actor.ts";

/** What the demo hooks seeded so far, for later hooks to point at (they run in module order). */
export interface DemoSeeded {
  /**
   * The demo accounts and the passwords generated for them (shown once), in the users
   * module's order: a manager, two analysts, a viewer.
   */
  accounts: { username: string; role: Role; password: string }[];
  /** The ids of those accounts, in the same order. */
  people: string[];
  /** The ids of the demo incidents, in the order created. */
  incidents: string[];
  /** The ids of the demo assets, by asset name. */
  assets: Map<string, string>;
}

/** What a module's demo hook works with: the services' dependencies, the actor seeding, and the seed so far. */
export interface DemoContext {
  db: Db;
  config: ConfigSource;
  actor: Actor;
  seeded: DemoSeeded;
}

/**
 * A module's part of `warden demo seed`: realistic records made through the module's own
 * services (validated and audited), never automatically.
 */
export interface ModuleDemo {
  /** True when this module's demo data is already stored: the whole seed then changes nothing. */
  present?(ctx: DemoContext): Promise<boolean>;
  /** Seeds this module's records; says what it made, for the summary ("12 incidents"). */
  seed(ctx: DemoContext): Promise<readonly string[]>;
}
