import { flatten } from "../config/flatten.ts";
import { maskedConfig } from "../config.ts";
import { type CommandArgs, UsageError } from "./args.ts";
import { loadCommandConfig } from "./bootstrap.ts";

/** `warden config check`: validates and prints the effective configuration with sources. */
export function configCheckCommand({ flags, positionals }: CommandArgs): void {
  if (positionals[0] !== "check")
    throw new UsageError(
      positionals[0] ? `unknown config subcommand "${positionals[0]}"` : "config needs a subcommand: check",
      "config",
    );
  const { loaded } = loadCommandConfig(flags, "read");
  const rows = [...flatten(maskedConfig(loaded.config))].map(([path, value]) => ({
    path,
    value: JSON.stringify(value),
    source: loaded.sources.get(path) ?? "default",
  }));
  const pathWidth = Math.max(...rows.map((r) => r.path.length));
  const valueWidth = Math.min(48, Math.max(...rows.map((r) => r.value.length)));
  console.log("configuration is valid\n");
  for (const row of rows)
    console.log(`${row.path.padEnd(pathWidth)}  ${row.value.padEnd(valueWidth)}  ${row.source}`);
  for (const name of loaded.unknownVariables)
    console.log(`\nwarning: ${name} is set but names no setting (misspelt?); it is ignored.`);
  if (loaded.config.security.jwtSecret === null)
    console.log(
      "\nsecurity.jwtSecret is unset: `warden serve` generates one into the data directory on first start.",
    );
}
