/** Features that need a capability the hardened service does not have by default. */
export const GRANTS = {
  /** Signal (stop, kill …) processes of other users from the Processes page. */
  signals: ["CAP_KILL"],
  /** Renice processes of other users, or raise any process's priority (a negative nice). */
  renice: ["CAP_SYS_NICE"],
  /**
   * Read other users' processes beyond /proc/<pid>/stat: open files and the sockets they own
   * (/proc/<pid>/fd, also the Network page's owners), working directory, executable, environment.
   */
  inspect: ["CAP_DAC_READ_SEARCH", "CAP_SYS_PTRACE"],
} as const;

/** A feature `--grant` can name. */
export type Grant = keyof typeof GRANTS;

/** What the unit is rendered from. */
export interface ServiceOptions {
  /** The Warden executable, as the service sees it. */
  binary: string;
  /** The system user the service runs as. */
  user: string;
  /** The data directory (database, generated secret); the only path the service may write. */
  dataDir: string;
  host: string;
  port: number;
  grants: Grant[];
  /** X display for the Windows page (`desktop.display`), or null. */
  display: string | null;
  /** The X authority file of that display (`desktop.xauthority`), or null. */
  xauthority: string | null;
}

/** The defaults: what `scripts/warden.service` holds. */
export const DEFAULT_SERVICE: ServiceOptions = {
  binary: "/usr/local/bin/warden",
  user: "warden",
  dataDir: "/var/lib/warden",
  host: "127.0.0.1",
  port: 8000,
  grants: [],
  display: null,
  xauthority: null,
};

const PATH = /^\/[\w./@+-]*$/;

/**
 * The problems of `options` that would make a wrong or unsafe unit (a value with a space or a
 * newline would change the unit's meaning), one sentence each; empty when there is none.
 */
export function serviceProblems(options: ServiceOptions): string[] {
  const problems: string[] = [];
  for (const [name, value] of [
    ["--binary", options.binary],
    ["--data-dir", options.dataDir],
    ["--xauthority", options.xauthority],
  ] as const) {
    if (value !== null && (!PATH.test(value) || value.split("/").includes("..")))
      problems.push(`${name} must be an absolute path of letters, digits and ./_@+- (got "${value}")`);
  }
  if (!/^[a-z_][a-z0-9_-]{0,31}$/.test(options.user))
    problems.push(`--user must be a system user name such as warden (got "${options.user}")`);
  if (!/^[\w.:-]+$/.test(options.host)) problems.push(`--host must be an address (got "${options.host}")`);
  if (options.display !== null && !/^[\w.-]*:\d+(\.\d+)?$/.test(options.display))
    problems.push(`--display must look like :0 (got "${options.display}")`);
  return problems;
}

/**
 * The systemd unit that runs `warden serve` hardened: its own user, the whole file system
 * read-only but the data directory, no home directories (read-only when the X authority
 * file lives in one), a private /tmp (the binary unpacks its libSQL addon there), no
 * privilege gain, and no capability beyond those the granted features need. Bun's JIT writes
 * and runs code, so MemoryDenyWriteExecute stays off.
 */
export function renderUnit(options: ServiceOptions): string {
  const needed = new Set<string>(options.grants.flatMap((grant) => GRANTS[grant]));
  if (options.port > 0 && options.port < 1024) needed.add("CAP_NET_BIND_SERVICE");
  const caps = [...needed].sort().join(" ");
  const inHome = options.xauthority !== null && /^\/(home|root)(\/|$)/.test(options.xauthority);
  const desktop =
    options.display === null
      ? []
      : [
          `Environment=WARDEN_DESKTOP_DISPLAY=${options.display}`,
          ...(options.xauthority ? [`Environment=WARDEN_DESKTOP_XAUTHORITY=${options.xauthority}`] : []),
          "# The X server's socket directory, hidden by PrivateTmp otherwise.",
          "BindPaths=-/tmp/.X11-unix",
        ];
  return `# Warden as a hardened systemd service; written by \`warden install-service\`.
# Settings: WARDEN_* variables in /etc/warden/warden.env (e.g. WARDEN_CONFIG=/etc/warden/warden.json).
[Unit]
Description=Warden host monitoring and security operations console
After=network-online.target
Wants=network-online.target

[Service]
Type=simple
User=${options.user}
Group=${options.user}
ExecStart=${options.binary} serve --data-dir ${options.dataDir} --host ${options.host} --port ${options.port}
ExecReload=/bin/kill -HUP $MAINPID
WorkingDirectory=${options.dataDir}
Environment=WARDEN_ENV=production
${[...desktop, ""].join("\n")}EnvironmentFile=-/etc/warden/warden.env
Restart=on-failure
RestartSec=5s
TimeoutStopSec=30s
UMask=0077

# Hardening
NoNewPrivileges=yes
ProtectSystem=strict
ReadWritePaths=${options.dataDir}
ProtectHome=${inHome ? "read-only" : "yes"}
PrivateTmp=yes
ProtectKernelTunables=yes
ProtectKernelModules=yes
ProtectKernelLogs=yes
ProtectControlGroups=yes
ProtectHostname=yes
RestrictNamespaces=yes
RestrictRealtime=yes
RestrictSUIDSGID=yes
LockPersonality=yes
RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6 AF_NETLINK
SystemCallArchitectures=native
# Capabilities: none unless a feature needs one (warden install-service --grant …):
# signals CAP_KILL, renice CAP_SYS_NICE, inspect CAP_DAC_READ_SEARCH CAP_SYS_PTRACE,
# a port below 1024 CAP_NET_BIND_SERVICE.
CapabilityBoundingSet=${caps}
AmbientCapabilities=${caps}

[Install]
WantedBy=multi-user.target
`;
}
