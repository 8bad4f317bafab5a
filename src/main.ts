#!/usr/bin/env bun
// The `warden` command line; the same in development (`bun src/main.ts …`) and in the binary.
// Commands are imported when they run, so `version` and `help` do not load the app.
import { type CommandArgs, CommandFailed, parseCommandArgs, UsageError } from "./cli/args.ts";
import { commandHelp, usage } from "./cli/help.ts";
import { ATTACK_IMPORT_COMMAND, HOST_FACTS_COMMAND } from "./cli/internal-commands.ts";
import { quietJit } from "./lib/jit-policy.ts";
import { VERSION } from "./version.ts";

/** A command that runs on its parsed arguments, loaded when it runs. */
interface PlainCommand {
  /** Which flags it takes (see `parseCommandArgs`). */
  flags: Parameters<typeof parseCommandArgs>[2];
  /**
   * A server: it takes no positional argument, and the JIT is quieted before it loads (the
   * app's modules set themselves up once: no use compiling that code; it then applies
   * `server.jit`, src/lib/jit-policy.ts).
   */
  server?: boolean;
  load: () => Promise<(args: CommandArgs) => unknown>;
}

/** The plain commands by name. */
const PLAIN_COMMANDS = new Map<string, PlainCommand>([
  [
    "serve",
    { flags: "serve", server: true, load: async () => (await import("./cli/serve.ts")).serveCommand },
  ],
  [
    "agent",
    { flags: "agent", server: true, load: async () => (await import("./cli/agent.ts")).agentCommand },
  ],
  ["pin", { flags: "pin", load: async () => (await import("./cli/pin.ts")).pinCommand }],
  ["user", { flags: "user", load: async () => (await import("./cli/user.ts")).userCommand }],
  [
    "config",
    { flags: "config", load: async () => (await import("./cli/config-check.ts")).configCheckCommand },
  ],
  ["backup", { flags: "config", load: async () => (await import("./cli/backup.ts")).backupCommand }],
  ["restore", { flags: "config", load: async () => (await import("./cli/restore.ts")).restoreCommand }],
  ["health", { flags: "serve", load: async () => (await import("./cli/health.ts")).healthCommand }],
  ["demo", { flags: "config", load: async () => (await import("./cli/demo.ts")).demoCommand }],
  ["migrate", { flags: "config", load: async () => (await import("./cli/migrate.ts")).migrateCommand }],
]);

/** The commands that read their own arguments, by name, each loaded when it runs. */
const OWN_ARGS_COMMANDS = new Map<string, () => Promise<(args: string[]) => Promise<void>>>([
  ["install-service", async () => (await import("./cli/install-service.ts")).installServiceCommand],
  [ATTACK_IMPORT_COMMAND, async () => (await import("./cli/attack-import.ts")).attackImportCommand],
  [HOST_FACTS_COMMAND, async () => (await import("./monitor/host-facts.ts")).hostFactsCommand],
]);

/** Runs one command line; resolves with the process exit code. */
export async function run(argv: string[]): Promise<number> {
  const first = argv[0];
  const command = first === undefined || first.startsWith("-") ? "serve" : first;
  const rest = command === first ? argv.slice(1) : argv;
  try {
    if (first === "--help" || first === "-h" || (command === "help" && rest.length === 0)) {
      process.stdout.write(usage());
      return 0;
    }
    if (first === "--version" || first === "-v") {
      console.log(VERSION);
      return 0;
    }
    if (rest.includes("--help") || rest.includes("-h")) return printHelp(command);
    if (command === "version") {
      const extra = rest[0];
      if (extra !== undefined)
        throw new UsageError(
          extra.startsWith("-") ? `Unknown option '${extra}'` : `unexpected argument "${extra}"`,
          command,
        );
      console.log(VERSION);
      return 0;
    }
    if (command === "help") return printHelp(rest[0] as string);
    const own = OWN_ARGS_COMMANDS.get(command);
    if (own) {
      await (await own())(rest);
      return 0;
    }
    const plain = PLAIN_COMMANDS.get(command);
    if (!plain) throw new UsageError(`unknown command "${command}"`);
    const args = parseCommandArgs(command, rest, plain.flags);
    if (plain.server) {
      if (args.positionals.length > 0)
        throw new UsageError(`unexpected argument "${args.positionals[0]}"`, command);
      quietJit();
    }
    await (await plain.load())(args);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(
        `warden: ${error.message}\n\n${(error.command && commandHelp(error.command)) || usage()}`,
      );
      return 2;
    }
    if (error instanceof CommandFailed) {
      process.stderr.write(`warden: ${error.message}\n`);
      return 1;
    }
    process.stderr.write(`warden: unexpected error: ${(error as Error).stack ?? String(error)}\n`);
    return 1;
  }
}

function printHelp(name: string): number {
  const text = commandHelp(name);
  if (!text) throw new UsageError(`unknown command "${name}"`);
  process.stdout.write(text);
  return 0;
}

if (import.meta.main) run(Bun.argv.slice(2)).then((code) => process.exit(code));
