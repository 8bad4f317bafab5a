/**
 * Parsers of the Linux `/proc` files the sampler reads every tick. Reading a file under
 * /proc is a cheap system call, unlike the commands systeminformation forks, so the
 * per-second path never starts a process. All functions are pure: text in, numbers out.
 */
import { parseDiskDevices, parseMeminfoFields, parseNetDevices } from "./proc-counters.ts";

/** The CPU times of a `cpu` line of /proc/stat, in its order (node_cpu_seconds_total's modes). */
export const CPU_MODES = ["user", "nice", "system", "idle", "iowait", "irq", "softirq", "steal"] as const;

/** Cumulative CPU time in clock ticks, from one `cpu` line of /proc/stat. */
export type CpuTimes = Record<(typeof CPU_MODES)[number], number>;

/** The aggregate `cpu` line and each `cpuN` line of /proc/stat (`ids`: each core's N, in the same order). */
export function parseStat(text: string): { total: CpuTimes; cores: CpuTimes[]; ids: string[] } {
  let total: CpuTimes | null = null;
  const cores: CpuTimes[] = [];
  const ids: string[] = [];
  for (const line of text.split("\n")) {
    if (!line.startsWith("cpu")) continue;
    const [name = "", ...fields] = line.trim().split(/\s+/);
    const n = fields.map(Number);
    const times = Object.fromEntries(CPU_MODES.map((mode, i) => [mode, n[i] ?? 0])) as CpuTimes;
    if (name === "cpu") total = times;
    else {
      cores.push(times);
      ids.push(name.slice(3));
    }
  }
  if (!total) throw new Error("/proc/stat has no cpu line");
  return { total, cores, ids };
}

/** CPU usage between two readings of the same counters, in percent of the available time (`busy`: all but idle and iowait). */
export function cpuUsage(before: CpuTimes, after: CpuTimes) {
  const d = (k: keyof CpuTimes) => Math.max(0, after[k] - before[k]);
  const user = d("user") + d("nice");
  const system = d("system") + d("irq") + d("softirq") + d("steal");
  const idle = d("idle");
  const iowait = d("iowait");
  const all = user + system + idle + iowait;
  if (all === 0) return { user: 0, system: 0, iowait: 0, idle: 100, busy: 0 };
  const pct = (v: number) => Math.round((v / all) * 1000) / 10;
  return {
    user: pct(user),
    system: pct(system),
    iowait: pct(iowait),
    idle: pct(idle),
    busy: pct(user + system),
  };
}

/** CPU use over an interval, in percent of the available time. */
export type CpuUsage = ReturnType<typeof cpuUsage>;

/** /proc/meminfo in bytes; `used` as `free` reports it (total − free − buffers − cache). */
export function parseMeminfo(text: string) {
  const bytes = new Map(parseMeminfoFields(text).map((f) => [f.name, f.value]));
  const get = (k: string) => bytes.get(k) ?? 0;
  const total = get("MemTotal");
  const free = get("MemFree");
  const buffers = get("Buffers");
  const cached = get("Cached") + get("SReclaimable");
  return {
    total,
    available: get("MemAvailable"),
    used: Math.max(0, total - free - buffers - cached),
    free,
    buffers,
    cached,
    swapTotal: get("SwapTotal"),
    swapUsed: Math.max(0, get("SwapTotal") - get("SwapFree")),
  };
}

/** Load averages and the number of scheduling entities from /proc/loadavg. */
export function parseLoadavg(text: string): { load: [number, number, number]; running: number } {
  const [a = "0", b = "0", c = "0", runnable = "0/0"] = text.trim().split(/\s+/);
  return { load: [Number(a), Number(b), Number(c)], running: Number(runnable.split("/")[0]) };
}

/** Cumulative bytes received and sent per interface from /proc/net/dev, without the loopback interface. */
export function parseNetDev(text: string): Map<string, { rx: number; tx: number }> {
  const out = new Map<string, { rx: number; tx: number }>();
  for (const [iface, c] of parseNetDevices(text))
    if (iface !== "lo") out.set(iface, { rx: c.receiveBytes, tx: c.transmitBytes });
  return out;
}

/**
 * Bytes read and written by whole disks from /proc/diskstats. Partitions, loop, ram and
 * device-mapper devices are left out so nothing is counted twice.
 */
export function parseDiskstats(text: string): { read: number; written: number } {
  let read = 0;
  let written = 0;
  for (const [name, c] of parseDiskDevices(text)) {
    if (/^(loop|ram|dm-|zram|sr|fd)/.test(name)) continue;
    if (/^(sd|vd|xvd|hd)[a-z]+\d+$/.test(name) || /^(nvme\d+n\d+|mmcblk\d+)p\d+$/.test(name)) continue;
    read += c.readBytes;
    written += c.writtenBytes;
  }
  return { read, written };
}

/** Per-second rate between two cumulative readings taken `ms` apart (never negative: counters can wrap or reset). */
export function ratePerSecond(before: number, after: number, ms: number): number {
  if (ms <= 0 || after < before) return 0;
  return Math.round(((after - before) * 1000) / ms);
}
