/**
 * The host's socket table, read from /proc the way `ss` does it but without forking it:
 * /proc/net/{tcp,tcp6,udp,udp6} list the sockets of this network namespace with their inode,
 * and each process's /proc/<pid>/fd links name the inodes it holds ("socket:[12345]"). One
 * pass over those links joins sockets to their owners. The parsers are pure; only
 * {@link socketOwners} and {@link readConnections} touch the file system.
 */
import { readdirSync, readFileSync, readlinkSync } from "node:fs";

/** Which /proc/net table a socket comes from. */
export type Protocol = "tcp" | "tcp6" | "udp" | "udp6";

/** One socket of the host, with its owning process when that is visible. */
export interface Connection {
  protocol: Protocol;
  /** "127.0.0.1", "::1", "0.0.0.0", "::"; IPv6 in canonical compressed form, IPv4-mapped as "::ffff:127.0.0.1". */
  localAddress: string;
  localPort: number;
  /** Null for listening sockets and unconnected UDP sockets (remote all zeros, port 0). */
  remoteAddress: string | null;
  remotePort: number | null;
  /** TCP: the kernel state name ("LISTEN", "ESTABLISHED", "TIME_WAIT", …). UDP: "LISTEN" when unconnected, else "ESTABLISHED". */
  state: string;
  /** Socket inode; 0 for sockets no file refers to (TIME_WAIT, not yet accepted). */
  inode: number;
  /** Owner uid as the kernel records it. */
  uid: number;
  /** Process holding the socket, null when not visible (another user's process, inode 0). */
  pid: number | null;
  /** `/proc/<pid>/comm` of that process. */
  process: string | null;
}

/** A parsed /proc/net line: everything but the owner, which needs the fd scan. */
export type SocketEntry = Omit<Connection, "pid" | "process">;

/** Options of {@link readConnections}. */
export interface ReadConnectionsOptions {
  /** Only sockets in state LISTEN (TCP listeners and unconnected UDP sockets). */
  listeningOnly?: boolean;
  /** Only the sockets this process holds; scans only its fds. */
  pid?: number;
  /** False: leave every owner unknown and skip the scan of every process's fds (the costly part). */
  owners?: boolean;
}

/** TCP states by the hex code of the `st` column (include/net/tcp_states.h). */
const TCP_STATES: Record<number, string> = {
  1: "ESTABLISHED",
  2: "SYN_SENT",
  3: "SYN_RECV",
  4: "FIN_WAIT1",
  5: "FIN_WAIT2",
  6: "TIME_WAIT",
  7: "CLOSE",
  8: "CLOSE_WAIT",
  9: "LAST_ACK",
  10: "LISTEN",
  11: "CLOSING",
  12: "NEW_SYN_RECV",
};

/** The kernel prints each 32-bit address word in host byte order; true on x86 and arm64. */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** The bytes of one 8-hex-digit address word as printed by the kernel, in network order. */
function wordBytes(hex: string): number[] {
  const b = [0, 2, 4, 6].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
  return LITTLE_ENDIAN ? b.reverse() : b;
}

/** RFC 5952 text of 16 address bytes: lower case, longest run of two or more zero groups as "::" (as URLs write it). */
function formatIPv6(bytes: number[]): string {
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0));
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff)
    return `::ffff:${bytes.slice(12).join(".")}`;
  return new URL(`http://[${groups.map((g) => g.toString(16)).join(":")}]`).hostname.slice(1, -1);
}

/** "0100007F:1F90" → ["127.0.0.1", 8080]; IPv6 addresses are four such words. */
function parseEndpoint(text: string): [address: string, port: number, zero: boolean] {
  const [hex = "", portHex = "0"] = text.split(":");
  const bytes: number[] = [];
  for (let i = 0; i + 8 <= hex.length; i += 8) bytes.push(...wordBytes(hex.slice(i, i + 8)));
  const port = Number.parseInt(portHex, 16);
  const zero = port === 0 && bytes.every((b) => b === 0);
  return [bytes.length === 4 ? bytes.join(".") : formatIPv6(bytes), port, zero];
}

/**
 * Sockets of one /proc/net/{tcp,tcp6,udp,udp6} text. Skips the header line and anything
 * malformed. Addresses are decoded from the kernel's hex (each 32-bit word in host byte
 * order, ports big-endian).
 */
export function parseProcNet(text: string, protocol: Protocol): SocketEntry[] {
  const udp = protocol === "udp" || protocol === "udp6";
  const out: SocketEntry[] = [];
  const lines = text.split("\n");
  for (let n = 1; n < lines.length; n++) {
    const f = (lines[n] as string).trim().split(/\s+/);
    if (f.length < 10 || !f[1]?.includes(":") || !f[2]?.includes(":")) continue;
    const [localAddress, localPort] = parseEndpoint(f[1]);
    const [remote, remotePort, remoteZero] = parseEndpoint(f[2]);
    const st = Number.parseInt(f[3] ?? "", 16);
    const state = udp ? (remoteZero ? "LISTEN" : "ESTABLISHED") : (TCP_STATES[st] ?? `UNKNOWN_${f[3]}`);
    out.push({
      protocol,
      localAddress,
      localPort,
      remoteAddress: remoteZero ? null : remote,
      remotePort: remoteZero ? null : remotePort,
      state,
      inode: Number(f[9]),
      uid: Number(f[7]),
    });
  }
  return out;
}

/** Errors of a process that vanished or is not ours to look at: skip it, keep scanning. */
const SKIPPABLE = new Set(["ENOENT", "EACCES", "EPERM", "ESRCH", "ENOTDIR"]);

/** What `read` reads, or null when it vanished or is not ours to look at (e.g. tcp6 without IPv6). */
function unlessGone<T>(read: () => T): T | null {
  try {
    return read();
  } catch (error) {
    if (SKIPPABLE.has((error as NodeJS.ErrnoException)?.code ?? "")) return null;
    throw error;
  }
}

/**
 * Adds the socket inodes of each pid's fds to `owners` (the first pid found keeps a shared
 * socket). Stops early once every inode in `wanted` is found, when given.
 */
function scanOwners(
  procRoot: string,
  pids: Iterable<string>,
  owners: Map<number, number>,
  wanted?: Set<number>,
) {
  let missing = wanted?.size ?? Number.POSITIVE_INFINITY;
  for (const pid of pids) {
    const dir = `${procRoot}/${pid}/fd`;
    const fds = unlessGone(() => readdirSync(dir));
    if (!fds) continue;
    const pidNumber = Number(pid);
    for (const fd of fds) {
      const link = unlessGone(() => readlinkSync(`${dir}/${fd}`));
      if (!link?.startsWith("socket:[")) continue;
      const inode = Number(link.slice(8, -1));
      if (owners.has(inode)) continue;
      owners.set(inode, pidNumber);
      if (wanted?.has(inode) && --missing === 0) return;
    }
  }
}

/** The numeric entries of `procRoot`: one per process (thread-group leader). */
function listPids(procRoot: string): string[] {
  return readdirSync(procRoot).filter((name) => /^\d+$/.test(name));
}

/**
 * Socket inode → pid of the process holding it, from one pass over `procRoot`/[0-9]*\/fd.
 * Processes that vanish mid-scan or are not readable (EACCES, ENOENT) are skipped; a socket
 * shared by several processes (inherited across fork) goes to the first one listed.
 */
export function socketOwners(procRoot = "/proc"): Map<number, number> {
  const owners = new Map<number, number>();
  scanOwners(procRoot, listPids(procRoot), owners);
  return owners;
}

const PROTOCOLS: Protocol[] = ["tcp", "tcp6", "udp", "udp6"];

/**
 * The sockets of this network namespace with their owning process, listening sockets first,
 * then by local port. With `pid`, only that process's fds are read and only its sockets
 * returned (empty when it does not exist); otherwise one pass over every process's fds.
 */
export function readConnections(options: ReadConnectionsOptions = {}): Connection[] {
  let entries: SocketEntry[] = [];
  for (const protocol of PROTOCOLS) {
    const text = unlessGone(() => readFileSync(`/proc/net/${protocol}`, "utf8"));
    if (text !== null) entries.push(...parseProcNet(text, protocol));
  }
  if (options.listeningOnly) entries = entries.filter((e) => e.state === "LISTEN");

  const owners = new Map<number, number>();
  if (options.pid !== undefined) {
    scanOwners("/proc", [String(options.pid)], owners);
    entries = entries.filter((e) => e.inode !== 0 && owners.has(e.inode));
  } else if (options.owners !== false) {
    const wanted = new Set(entries.map((e) => e.inode).filter((inode) => inode !== 0));
    if (wanted.size > 0) scanOwners("/proc", listPids("/proc"), owners, wanted);
  }

  const comms = new Map<number, string | null>();
  const comm = (pid: number) => {
    if (!comms.has(pid))
      comms.set(pid, unlessGone(() => readFileSync(`/proc/${pid}/comm`, "utf8"))?.trimEnd() ?? null);
    return comms.get(pid) ?? null;
  };

  const out: Connection[] = entries.map((e) => {
    const pid = e.inode === 0 ? null : (owners.get(e.inode) ?? null);
    return { ...e, pid, process: pid === null ? null : comm(pid) };
  });
  return out.sort(
    (a, b) =>
      Number(b.state === "LISTEN") - Number(a.state === "LISTEN") ||
      a.localPort - b.localPort ||
      a.protocol.localeCompare(b.protocol) ||
      a.localAddress.localeCompare(b.localAddress) ||
      (a.remotePort ?? 0) - (b.remotePort ?? 0),
  );
}
