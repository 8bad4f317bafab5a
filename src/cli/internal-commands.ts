import { bundled, IS_COMPILED } from "../lib/paths.ts";

/** The internal command `serve` runs the first start's ATT&CK import in (src/cli/attack-import.ts); not in the help. */
export const ATTACK_IMPORT_COMMAND = "internal-attack-import";

/** The internal command the sampler reads the host facts in (src/monitor/host-facts.ts); not in the help. */
export const HOST_FACTS_COMMAND = "internal-host-facts";

/**
 * The command line that runs this program with one of its internal commands in a child
 * process: the binary itself, or `bun src/main.ts` in development and tests.
 */
export function selfCommand(command: string, ...args: string[]): string[] {
  const program = IS_COMPILED ? [process.execPath] : [process.execPath, bundled("src/main.ts")];
  return [...program, command, ...args];
}
