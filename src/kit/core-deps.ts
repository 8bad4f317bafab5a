import type { ConfigSource } from "../config/live.ts";
import type { Db } from "../db/client.ts";
import type { AppDeps } from "../deps.ts";
import type { Bus } from "../realtime/bus.ts";

/** What most services are called with: the database, the live configuration and the bus. */
export interface CoreDeps {
  db: Db;
  config: ConfigSource;
  bus: Bus;
}

/** The {@link CoreDeps} of the running app, for the routers that call those services. */
export function coreDeps(deps: AppDeps): CoreDeps {
  return { db: deps.database.db, config: deps.config, bus: deps.bus };
}
