/** One CLI command as the help lists it. */
export interface CommandHelp {
  name: string;
  usage: string;
  summary: string;
  details: string;
}

const CONFIG_FLAGS = `  --config FILE     read FILE as a configuration layer (above config/*.json)
  --data-dir DIR    where the database and generated secrets live (default ./data)`;

/** Every command, in the order `warden --help` lists them. */
export const COMMANDS: CommandHelp[] = [
  {
    name: "serve",
    usage: "warden serve [--host HOST] [--port PORT] [--data-dir DIR] [--config FILE]",
    summary: "start the web console and API (the default command)",
    details: `Applies pending migrations, then serves HTTP (HTTPS when server.tls is set).
Reloads the configuration when a loaded config file changes or on SIGHUP.
Stops gracefully on SIGTERM or SIGINT.

  --host HOST       address to listen on (default 127.0.0.1)
  --port PORT       port to listen on (default 8000)
${CONFIG_FLAGS}`,
  },
  {
    name: "agent",
    usage: "warden agent --hub URL [--token TOKEN] [--data-dir DIR] [--config FILE]",
    summary: "stream this host's metrics to a hub (no database, no console)",
    details: `Samples this host like "serve" does and streams the samples to the hub over one
outbound WebSocket (TLS verified; plain ws/http to loopback only). While the hub is
unreachable it keeps agent.bufferMinutes of samples (oldest dropped beyond) and sends
them on reconnect, reconnecting with jittered backoff. The first start exchanges the
enrolment token for the agent's own credential, kept in DIR/agent-credential.json.
Exits 1 when the hub refuses for good (revoked, unknown token, other protocol version).

  --hub URL         the hub, e.g. https://hub.example:8000 (or agent.hub)
  --token TOKEN     an enrolment token created by an admin on the hub's Hosts page
                    (or agent.token); not needed once enrolled
${CONFIG_FLAGS}`,
  },
  {
    name: "migrate",
    usage: "warden migrate [--data-dir DIR] [--config FILE]",
    summary: "apply pending database migrations and exit",
    details: `Applies every migration this binary ships that the database lacks, each in its
own transaction. Refuses a database whose schema is newer than this binary.

${CONFIG_FLAGS}`,
  },
  {
    name: "config",
    usage: "warden config check [--data-dir DIR] [--config FILE]",
    summary: "validate the configuration and print it with its sources",
    details: `Loads every configuration layer, reports every problem with its key path, and
prints the effective configuration (secrets masked) with where each value came from.
Exit code 1 when the configuration is invalid.

${CONFIG_FLAGS}`,
  },
  {
    name: "backup",
    usage: "warden backup FILE [--data-dir DIR] [--config FILE]",
    summary: "write a consistent snapshot of the database to FILE",
    details: `Safe while the server runs (SQLite VACUUM INTO). FILE must not exist yet.

${CONFIG_FLAGS}`,
  },
  {
    name: "user",
    usage: "warden user create|reset-password|list [FLAGS]",
    summary: "create users, reset passwords, list users",
    details: `  warden user create --email E --username U [--role R] [--display-name N] --password-stdin
  warden user reset-password --email E --password-stdin
  warden user list

The password is read from standard input, never from the command line.
Roles: admin, manager, analyst, viewer (default viewer). Every change is audited.

${CONFIG_FLAGS}`,
  },
  {
    name: "demo",
    usage: "warden demo seed [--data-dir DIR] [--config FILE]",
    summary: "fill a realistic demo data set (never done automatically)",
    details: `Creates demo people of each role (their generated passwords are printed once)
incidents at every stage of the workflow, assets with dependencies, vulnerabilities
rated from CVSS vectors, documents in several states, and SOC alerts with a case,
through the same audited services as the API. Running it again changes nothing.

${CONFIG_FLAGS}`,
  },
  { name: "version", usage: "warden version", summary: "print the version", details: "" },
  { name: "help", usage: "warden help [COMMAND]", summary: "show help for a command", details: "" },
];

/** The overview `warden --help` prints. */
export function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return `Warden: host monitoring and security operations console.

Usage: warden [COMMAND] [FLAGS]

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join("\n")}

Run "warden help COMMAND" for a command's flags.
Configuration: config/*.json, --config FILE, WARDEN_* environment variables, flags.
`;
}

/** The help of one command, or null when there is no such command. */
export function commandHelp(name: string): string | null {
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) return null;
  return `Usage: ${command.usage}

${command.summary[0]?.toUpperCase()}${command.summary.slice(1)}.
${command.details ? `\n${command.details}\n` : ""}`;
}
