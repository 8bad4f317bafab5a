const CONFIG_FLAGS = `  --config FILE     read FILE as a configuration layer (above config/*.json)
  --data-dir DIR    where the database and generated secrets live (default ./data)`;

/** Every command as the help lists it, in the order `warden --help` lists them. */
export const COMMANDS = [
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
    usage: "warden agent --hub URL [--token TOKEN] [--pin PIN] [--data-dir DIR] [--config FILE]",
    summary: "stream this host's metrics to a hub (no database, no console)",
    details: `Samples this host like "serve" does and streams the samples to the hub over one
outbound WebSocket (TLS verified; plain ws/http to loopback only). While the hub is
unreachable it keeps agent.bufferMinutes of samples (oldest dropped beyond) and sends
them on reconnect, reconnecting with jittered backoff. The first start exchanges the
enrolment token for the agent's own credential, kept in DIR/agent-credential.json.
It carries out the hub's remote actions only of the classes its own config allows
(agent.allow: signals, renice, windows, scans; none by default; scans only to
agent.scanTargets) and appends each request to DIR/agent-audit.log.
Exits 1 when the hub refuses for good (revoked, unknown token, other protocol version).

  --hub URL         the hub, e.g. https://hub.example:8000 (or agent.hub)
  --token TOKEN     an enrolment token created by an admin on the hub's Hosts page
                    (or agent.token); not needed once enrolled
  --pin PIN         connect only to a hub whose certificate has this key: the base64
                    SHA-256 of its SubjectPublicKeyInfo, as "warden pin" prints on the
                    hub (or agent.pin); repeat it or separate with commas for a new key
                    beside the old. A pinned key needs no CA (a self-signed hub is
                    fine). A hub with another key is refused before anything is sent,
                    logged with both pins, and tried again with the backoff.
${CONFIG_FLAGS}`,
  },
  {
    name: "pin",
    usage: "warden pin [--cert FILE] [--data-dir DIR] [--config FILE]",
    summary: "print the pin of the hub certificate's key, for an agent's --pin",
    details: `Prints the base64 SHA-256 of the certificate's SubjectPublicKeyInfo (the form of
HPKP's pin-sha256) alone on stdout, and the certificate's subject and expiry on stderr.
Of a chain it pins the first certificate. Renewing a certificate with the same key keeps
its pin; for a new key, give the agents both pins before the hub switches.

  --cert FILE       the PEM certificate (default: server.tls.cert)
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
    name: "restore",
    usage: "warden restore FILE [--data-dir DIR] [--config FILE]",
    summary: "put a backup in place of the database (the server must be stopped)",
    details: `Checks FILE first: a SQLite database that passes PRAGMA integrity_check, written by
this Warden or an older one (a newer schema is refused). Applies the migrations it
lacks to a copy, then replaces the database atomically; the replaced database is kept
next to it as warden.db.before-restore-TIME. Refused while a server (or any other
process) has the database open. FILE itself is never changed.

${CONFIG_FLAGS}`,
  },
  {
    name: "health",
    usage: "warden health [--host HOST] [--port PORT] [--data-dir DIR] [--config FILE]",
    summary: "ask the configured server whether it is ready (exit 0) or not (exit 1)",
    details: `Requests GET /readyz from the server configured like this command (the same
config files, WARDEN_* variables and flags), through loopback when it listens on every
address, and prints the answer. The container image's HEALTHCHECK; needs no curl.

  --host HOST       the server's address (default: server.host)
  --port PORT       the server's port (default: server.port)
${CONFIG_FLAGS}`,
  },
  {
    name: "install-service",
    usage: "warden install-service [--yes] [--dry-run] [--grant LIST] [FLAGS]",
    summary: "install Warden as a hardened systemd service",
    details: `Prints what it will do, then asks (or --yes): copies this binary to --binary,
creates the system user, creates the data directory (0750, owned by the user), writes
/etc/systemd/system/warden.service, then systemctl daemon-reload and enable when systemd
runs. Start it with "systemctl start warden". Run as root.

  --dry-run           print the steps and the unit; change nothing
  --yes               do not ask
  --root DIR          install into DIR instead of / (an image; runs no live systemctl)
  --binary PATH       where the binary lives (default /usr/local/bin/warden)
  --user NAME         the system user (default warden)
  --data-dir DIR      the data directory, the only writable path (default /var/lib/warden)
  --host HOST         address to listen on (default 127.0.0.1)
  --port PORT         port to listen on (default 8000; below 1024 adds CAP_NET_BIND_SERVICE)
  --grant LIST        capabilities for features, comma-separated:
                        signals  CAP_KILL: signal other users' processes
                        renice   CAP_SYS_NICE: renice other users' processes, raise priority
                        inspect  CAP_DAC_READ_SEARCH, CAP_SYS_PTRACE: other users'
                                 processes' open files, sockets, cwd, executable, environment
  --display DISPLAY   X display for the Windows page (e.g. :0)
  --xauthority FILE   that display's X authority file (its home then becomes read-only,
                      not hidden)`,
  },
  {
    name: "user",
    usage: "warden user create|reset-password|reset-mfa|list [FLAGS]",
    summary: "create users, reset passwords and second factors, list users",
    details: `  warden user create --email E --username U [--role R] [--display-name N] --password-stdin
  warden user reset-password --email E --password-stdin
  warden user reset-mfa --email E      remove the user's authenticator app, recovery codes, passkeys
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
