import { parseArgs } from "node:util";
import type { ConfigFlags } from "../config.ts";

/** A wrong command line: printed as one line plus usage, exit code 2. */
export class UsageError extends Error {
  override name = "UsageError";
  constructor(
    message: string,
    readonly command?: string,
  ) {
    super(message);
  }
}

/** A command failed for a reason the operator can fix; printed without a stack, exit code 1. */
export class CommandFailed extends Error {
  override name = "CommandFailed";
}

/** Flags every command that reads the configuration accepts. */
const CONFIG_OPTIONS = { config: { type: "string" }, "data-dir": { type: "string" } } as const;

/** Flags of `serve`: the config flags plus where to listen. */
const SERVE_OPTIONS = { ...CONFIG_OPTIONS, host: { type: "string" }, port: { type: "string" } } as const;

/** Flags of `agent`: the config flags plus the hub, the enrolment token and the hub's pinned keys. */
const AGENT_OPTIONS = {
  ...CONFIG_OPTIONS,
  hub: { type: "string" },
  token: { type: "string" },
  pin: { type: "string", multiple: true },
} as const;

/** Flags of `pin`: the config flags plus the certificate file. */
const PIN_OPTIONS = { ...CONFIG_OPTIONS, cert: { type: "string" } } as const;

/** Flags of `user …`: the config flags plus the user's fields. */
const USER_OPTIONS = {
  ...CONFIG_OPTIONS,
  email: { type: "string" },
  username: { type: "string" },
  role: { type: "string" },
  "display-name": { type: "string" },
  "password-stdin": { type: "boolean" },
} as const;

/** Values of the `user …` flags. */
export type UserFlags = ReturnType<typeof parseCommandArgs>["user"];

/**
 * A command's parsed arguments: the config flags, the positional arguments and the flags of
 * `user`, `agent` (`pin`: the hub's pinned keys, in place of `agent.pin`) and `pin`.
 */
export type CommandArgs = ReturnType<typeof parseCommandArgs>;

/**
 * Parses the flags of a command strictly: an unknown flag or a missing value is a
 * UsageError. Returns the config flags and the positional arguments.
 */
export function parseCommandArgs(
  command: string,
  argv: string[],
  kind: "serve" | "config" | "user" | "agent" | "pin",
) {
  let parsed: ReturnType<
    typeof parseArgs<{
      options: typeof SERVE_OPTIONS & typeof USER_OPTIONS & typeof AGENT_OPTIONS & typeof PIN_OPTIONS;
      allowPositionals: true;
      strict: true;
    }>
  >;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        serve: SERVE_OPTIONS,
        user: USER_OPTIONS,
        agent: AGENT_OPTIONS,
        pin: PIN_OPTIONS,
        config: CONFIG_OPTIONS,
      }[kind],
      allowPositionals: true,
      strict: true,
    }) as typeof parsed;
  } catch (error) {
    throw new UsageError(
      ((error as Error).message.split("\n")[0] ?? "invalid arguments").replace(/\. To specify .*$/, ""),
      command,
    );
  }
  const v = parsed.values;
  const flags: ConfigFlags = {};
  if (v.config !== undefined) flags.configFile = v.config;
  if (v["data-dir"] !== undefined) flags.dataDir = v["data-dir"];
  if (v.host !== undefined) flags.host = v.host;
  if (v.port !== undefined) {
    const port = Number(v.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new UsageError(`--port must be a whole number from 0 to 65535, got "${v.port}"`, command);
    flags.port = port;
  }
  const user = {
    email: v.email,
    username: v.username,
    role: v.role,
    displayName: v["display-name"],
    passwordStdin: v["password-stdin"] === true,
  };
  // `--pin A --pin B` or `--pin A,B`: either way a list.
  const pin = v.pin?.flatMap((p) => p.split(",")).map((p) => p.trim());
  return {
    flags,
    user,
    agent: { hub: v.hub, token: v.token, pin },
    cert: v.cert,
    positionals: parsed.positionals,
  };
}
