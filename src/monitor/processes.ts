/**
 * The process table, read from /proc by the sampler worker. One refresh costs a read of
 * /proc/<pid>/stat and a stat() of /proc/<pid> per process; command lines are read once
 * per process (cached while its pid, start time and name stay the same). Nothing forks:
 * systeminformation's processes() runs `ps` on every call, which costs more than the
 * whole refresh here (see test/bench/processes.bench.ts).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { maskArguments } from "../lib/secrets.ts";
import { parseMeminfo } from "./proc.ts";

/** The state letter of /proc/<pid>/stat, as a word. */
export const PROCESS_STATES = {
  R: "running",
  S: "sleeping",
  D: "disk-sleep",
  Z: "zombie",
  T: "stopped",
  t: "tracing",
  X: "dead",
  I: "idle",
} as const;

/** One process, as lists show it. */
export interface ProcessInfo {
  pid: number;
  ppid: number;
  name: string;
  /** Command line; the name in brackets for kernel threads, which have none. */
  command: string;
  user: string;
  uid: number;
  state: (typeof PROCESS_STATES)[keyof typeof PROCESS_STATES];
  /** Percent of one core over the last interval (the lifetime average on the first reading). */
  cpu: number;
  /** Resident memory in bytes. */
  rss: number;
  /** Resident memory in percent of the host's memory. */
  memory: number;
  threads: number;
  /** Start time, Unix ms. */
  startedAt: number;
  nice: number;
}

/**
 * The fields of /proc/<pid>/stat a list needs (`ticks`: utime + stime; `startTicks`: clock
 * ticks after boot; `rssPages`: resident pages). The name may hold spaces and parentheses, so
 * fields are found from its last ')'.
 */
export function parseProcStat(text: string) {
  const open = text.indexOf("(");
  const close = text.lastIndexOf(")");
  if (open < 0 || close < open) return null;
  const f = text.slice(close + 2).split(" ");
  const state = PROCESS_STATES[f[0] as keyof typeof PROCESS_STATES] ?? "sleeping";
  return {
    pid: Number(text.slice(0, open)),
    name: text.slice(open + 1, close),
    state,
    ppid: Number(f[1]),
    ticks: Number(f[11]) + Number(f[12]),
    nice: Number(f[16]),
    threads: Number(f[17]),
    startTicks: Number(f[19]),
    rssPages: Number(f[21]),
  };
}

/** uid → user name from /etc/passwd text. */
export function parsePasswd(text: string): Map<number, string> {
  const users = new Map<number, string>();
  for (const line of text.split("\n")) {
    const [name, , uid] = line.split(":");
    if (name && uid !== undefined && !line.startsWith("#")) users.set(Number(uid), name);
  }
  return users;
}

/** CLK_TCK and PAGESIZE, read once (two short forks at worker start, never per refresh), or the Linux defaults. */
export function readProcConstants() {
  const getconf = (name: string, fallback: number) => {
    try {
      const out = Bun.spawnSync(["getconf", name], { stderr: "ignore" });
      const value = Number(out.stdout.toString().trim());
      return out.success && value > 0 ? value : fallback;
    } catch {
      return fallback;
    }
  };
  return { clockTicks: getconf("CLK_TCK", 100), pageSize: getconf("PAGESIZE", 4096) };
}

type ProcStat = NonNullable<ReturnType<typeof parseProcStat>>;

/** How long a user-name lookup miss waits before /etc/passwd is read again. */
const PASSWD_REFRESH_MS = 60_000;

/**
 * Reads the process table and turns cumulative CPU ticks into percentages between two
 * refreshes. Keep one instance per sampler; it remembers the previous refresh.
 */
export class ProcessTable {
  #previous = new Map<number, { ticks: number; startTicks: number }>();
  #previousAt = 0;
  #commands = new Map<number, { key: string; command: string }>();
  #users = new Map<number, string>();
  #usersReadAt = 0;
  readonly #constants = readProcConstants();

  /** Every process visible in /proc now; processes that end mid-read are skipped. */
  read(): ProcessInfo[] {
    const at = Date.now();
    const { clockTicks, pageSize } = this.#constants;
    const uptime = Number(readFileSync("/proc/uptime", "utf8").split(" ")[0]);
    const bootMs = at - uptime * 1000;
    const memTotal = parseMeminfo(readFileSync("/proc/meminfo", "utf8")).total;
    const elapsedTicks = this.#previousAt ? ((at - this.#previousAt) / 1000) * clockTicks : 0;
    const next = new Map<number, { ticks: number; startTicks: number }>();
    const list: ProcessInfo[] = [];
    for (const entry of readdirSync("/proc")) {
      const c = entry.charCodeAt(0);
      if (c < 48 || c > 57) continue;
      const dir = `/proc/${entry}`;
      let stat: ProcStat | null;
      let uid: number;
      try {
        stat = parseProcStat(readFileSync(`${dir}/stat`, "utf8"));
        uid = statSync(dir).uid;
      } catch {
        continue;
      }
      if (!stat) continue;
      next.set(stat.pid, { ticks: stat.ticks, startTicks: stat.startTicks });
      const before = this.#previous.get(stat.pid);
      const sameProcess = before && before.startTicks === stat.startTicks && elapsedTicks > 0;
      const lifetimeTicks = uptime * clockTicks - stat.startTicks;
      const cpu = sameProcess
        ? ((stat.ticks - before.ticks) / elapsedTicks) * 100
        : lifetimeTicks > 0
          ? (stat.ticks / lifetimeTicks) * 100
          : 0;
      const rss = stat.rssPages * pageSize;
      list.push({
        pid: stat.pid,
        ppid: stat.ppid,
        name: stat.name,
        command: this.#command(dir, stat),
        user: this.#user(uid),
        uid,
        state: stat.state,
        cpu: Math.max(0, Math.round(cpu * 10) / 10),
        rss,
        memory: memTotal > 0 ? Math.round((rss / memTotal) * 1000) / 10 : 0,
        threads: stat.threads,
        startedAt: Math.round(bootMs + (stat.startTicks / clockTicks) * 1000),
        nice: stat.nice,
      });
    }
    for (const pid of this.#commands.keys()) if (!next.has(pid)) this.#commands.delete(pid);
    this.#previous = next;
    this.#previousAt = at;
    return list;
  }

  /** Forgets the previous refresh (sampling paused; the next percentages start afresh). */
  reset(): void {
    this.#previous.clear();
    this.#previousAt = 0;
  }

  #command(dir: string, stat: ProcStat): string {
    const key = `${stat.startTicks}:${stat.name}`;
    const cached = this.#commands.get(stat.pid);
    if (cached?.key === key) return cached.command;
    let command = "";
    try {
      // Read once per process: masking the secrets its arguments carry costs nothing per tick.
      const argv = readFileSync(`${dir}/cmdline`, "utf8").split("\0").filter(Boolean);
      command = maskArguments(argv).join(" ");
    } catch {
      // Ended meanwhile or hidden: fall back to the name.
    }
    if (!command) command = `[${stat.name}]`;
    this.#commands.set(stat.pid, { key, command });
    return command;
  }

  #user(uid: number): string {
    let name = this.#users.get(uid);
    if (name === undefined && Date.now() - this.#usersReadAt > PASSWD_REFRESH_MS) {
      this.#usersReadAt = Date.now();
      try {
        this.#users = parsePasswd(readFileSync("/etc/passwd", "utf8"));
      } catch {
        // No passwd file (a container): numeric ids it is.
      }
      name = this.#users.get(uid);
    }
    return name ?? String(uid);
  }
}
