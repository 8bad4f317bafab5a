/**
 * Parsers of the cumulative counters in /proc per device and per field, as node_exporter
 * reads them (its netdev, diskstats, meminfo and stat collectors): `/metrics` exposes them
 * under node_exporter's names, and the sampler's aggregates (proc.ts) are built on them.
 * All functions are pure: text in, numbers out.
 */

/** Counters of one network interface, from /proc/net/dev. */
export interface NetDeviceCounters {
  receiveBytes: number;
  receivePackets: number;
  receiveErrs: number;
  receiveDrop: number;
  transmitBytes: number;
  transmitPackets: number;
  transmitErrs: number;
  transmitDrop: number;
}

/** Counters of one block device, from /proc/diskstats (bytes and seconds already converted). */
export interface DiskCounters {
  readsCompleted: number;
  readBytes: number;
  writesCompleted: number;
  writtenBytes: number;
  /** Time the device had I/O in flight. */
  ioSeconds: number;
}

/** Clock ticks per second of /proc's CPU and process times (USER_HZ, fixed at 100 in the kernel's ABI). */
export const USER_HZ = 100;

/** Sector size /proc/diskstats counts in, whatever the device's own. */
export const SECTOR_BYTES = 512;

/** Every interface of /proc/net/dev, loopback included (as node_exporter lists them). */
export function parseNetDevices(text: string): Map<string, NetDeviceCounters> {
  const out = new Map<string, NetDeviceCounters>();
  for (const line of text.split("\n").slice(2)) {
    const colon = line.indexOf(":");
    if (colon < 0) continue;
    const f = line
      .slice(colon + 1)
      .trim()
      .split(/\s+/)
      .map(Number);
    const at = (i: number) => f[i] ?? 0;
    out.set(line.slice(0, colon).trim(), {
      receiveBytes: at(0),
      receivePackets: at(1),
      receiveErrs: at(2),
      receiveDrop: at(3),
      transmitBytes: at(8),
      transmitPackets: at(9),
      transmitErrs: at(10),
      transmitDrop: at(11),
    });
  }
  return out;
}

/** Every device of /proc/diskstats (see the kernel's iostats documentation for the fields). */
export function parseDiskDevices(text: string): Map<string, DiskCounters> {
  const out = new Map<string, DiskCounters>();
  for (const line of text.split("\n")) {
    const f = line.trim().split(/\s+/);
    const name = f[2];
    if (!name || f.length < 14) continue;
    const at = (i: number) => Number(f[i] ?? 0);
    out.set(name, {
      readsCompleted: at(3),
      readBytes: at(5) * SECTOR_BYTES,
      writesCompleted: at(7),
      writtenBytes: at(9) * SECTOR_BYTES,
      ioSeconds: at(12) / 1000,
    });
  }
  return out;
}

/**
 * Every field of /proc/meminfo, in the file's order: bytes when the kernel gives kB, a plain
 * count otherwise (HugePages_Total …); named as node_exporter names them, `(` as `_` and `)`
 * dropped (`Active(anon)` → `Active_anon`).
 */
export function parseMeminfoFields(text: string) {
  const fields: { name: string; value: number }[] = [];
  for (const line of text.split("\n")) {
    const match = /^([\w()]+):\s+(\d+)(\s+kB)?/.exec(line);
    if (!match) continue;
    const name = (match[1] as string).replaceAll("(", "_").replaceAll(")", "");
    fields.push({ name, value: Number(match[2]) * (match[3] === undefined ? 1 : 1024) });
  }
  return fields;
}

/**
 * The whole-system counters of /proc/stat beside the CPU lines: `btime` (boot time, Unix
 * seconds), `ctxt`, `processes` (processes and threads created since boot), `intr`,
 * `procs_running` and `procs_blocked`.
 */
export function parseStatCounters(text: string) {
  const value = new Map<string, number>();
  for (const line of text.split("\n")) {
    const [key, first] = line.split(" ", 2);
    if (key && first !== undefined && !key.startsWith("cpu")) value.set(key, Number(first));
  }
  const get = (key: string) => value.get(key) ?? 0;
  return {
    bootTime: get("btime"),
    contextSwitches: get("ctxt"),
    forks: get("processes"),
    interrupts: get("intr"),
    procsRunning: get("procs_running"),
    procsBlocked: get("procs_blocked"),
  };
}
