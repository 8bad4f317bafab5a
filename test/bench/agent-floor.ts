// The reference beside `warden agent` in agent.bench.ts: a program that only samples this host
// once a second and sends nothing anywhere. agent.bench.ts compiles it with
// `bun build --compile` (as the agent is compiled) into a temporary directory and measures it
// the way it measures the agent.
//
//   agent-floor proc   the sampler worker's own work (src/monitor/sampler.worker.ts):
//                      systeminformation's host facts once at start, then every second the
//                      same /proc reads and parsers; the floor of "Bun + sampling at 1 Hz"
//   agent-floor si     the same figures read through systeminformation's per-call API
//                      (currentLoad, mem, networkStats, disksIO) every second: the usual way,
//                      which the worker does not take
//
// It runs until it is signalled.
import { readdirSync, readFileSync } from "node:fs";
import { cpu as readCpu } from "systeminformation/lib/cpu.js";
import { mem as readMem } from "systeminformation/lib/memory.js";
import { osInfo as readOsInfo, time as readTime } from "systeminformation/lib/osinfo.js";
import { system as readSystem } from "systeminformation/lib/system.js";
import * as proc from "../../src/monitor/proc.ts";

const mode = process.argv[2] === "si" ? "si" : "proc";

/** What one tick read, kept so the work cannot be optimised away. */
let last: unknown = null;

function readCounters() {
  return {
    at: Date.now(),
    cpu: proc.parseStat(readFileSync("/proc/stat", "utf8")),
    net: proc.parseNetDev(readFileSync("/proc/net/dev", "utf8")),
    disk: proc.parseDiskstats(readFileSync("/proc/diskstats", "utf8")),
  };
}

let previous = readCounters();

/** The worker's tick: counters, their rates, memory, load and the number of processes. */
function procTick(): void {
  const now = readCounters();
  const ms = now.at - previous.at;
  let processes = 0;
  for (const entry of readdirSync("/proc"))
    if (entry.charCodeAt(0) >= 48 && entry.charCodeAt(0) <= 57) processes++;
  last = {
    cpu: proc.cpuUsage(previous.cpu.total, now.cpu.total),
    cores: now.cpu.cores.map((core, i) => proc.cpuUsage(previous.cpu.cores[i] ?? core, core)),
    memory: proc.parseMeminfo(readFileSync("/proc/meminfo", "utf8")),
    load: proc.parseLoadavg(readFileSync("/proc/loadavg", "utf8")).load,
    interfaces: [...now.net].map(([name, c]) => {
      const before = previous.net.get(name) ?? c;
      return {
        name,
        rx: proc.ratePerSecond(before.rx, c.rx, ms),
        tx: proc.ratePerSecond(before.tx, c.tx, ms),
      };
    }),
    disk: {
      read: proc.ratePerSecond(previous.disk.read, now.disk.read, ms),
      write: proc.ratePerSecond(previous.disk.written, now.disk.written, ms),
    },
    processes,
  };
  previous = now;
}

/** The package's API, imported (whole, as usually done) only in `si` mode. */
const si = mode === "si" ? await import("systeminformation") : null;

/** The same figures through systeminformation's API. */
async function siTick(): Promise<void> {
  if (si) last = await Promise.all([si.currentLoad(), si.mem(), si.networkStats("*"), si.disksIO()]);
}

// Host facts once, as the worker reads them at start.
await Promise.all([readOsInfo(), readCpu(), readMem(), readSystem()]);
readTime();

setInterval(() => {
  if (mode === "si") siTick().catch(() => undefined);
  else procTick();
}, 1000);
process.on("SIGTERM", () => {
  if (last === undefined) console.log("nothing read");
  process.exit(0);
});
