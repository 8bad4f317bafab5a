import type { SecretMode } from "../config/jwt-secret.ts";
import type { Config } from "../config/schema.ts";
import { ConfigError, type ConfigFlags, loadConfig } from "../config.ts";
import { type Database, openDatabase } from "../db/client.ts";
import { CommandFailed } from "./args.ts";

/**
 * Loads the configuration for a command, turning every config problem into one readable
 * failure. `load` reads every layer again with the same inputs (serve's hot reload).
 */
export function loadCommandConfig(flags: ConfigFlags, secrets: SecretMode) {
  const load = () => loadConfig({ flags, env: process.env, secrets });
  try {
    return { loaded: load(), load };
  } catch (error) {
    if (error instanceof ConfigError)
      throw new CommandFailed(
        `invalid configuration:\n${error.problems.map((p) => `  ${p.path}: ${p.message}`).join("\n")}`,
      );
    throw error;
  }
}

/** Opens the database `config.database` describes (its URL, token and busy timeout). */
export function openConfiguredDatabase(config: Config): Promise<Database> {
  return openDatabase({ ...config.database, url: config.database.url ?? "" });
}
