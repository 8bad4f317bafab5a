// The sampler: runs in a Worker thread. The host facts are read once at start with
// systeminformation in a child process (host-facts-child.ts); nothing else forks: per-tick
// figures come from /proc, the slow cadence from statfs(2) over the mount table
// (filesystems.ts, instead of `df`) and from sysfs (temperature.ts, instead of shell loops);
// each fork brought back about 8 MiB of code pages and cost CPU. A few milliseconds of work a
// second never pays an optimizing compile back: this thread's JIT stays quiet (jit-policy.ts).
import { readdirSync, readFileSync } from "node:fs";
import { quietJit } from "../lib/jit-policy.ts";
import { readFilesystems } from "./filesystems.ts";
import { readHostFactsApart } from "./host-facts-child.ts";
import {
  cpuUsage,
  parseDiskstats,
  parseLoadavg,
  parseMeminfo,
  parseNetDev,
  parseStat,
  ratePerSecond,
} from "./proc.ts";
import { ProcessTable } from "./processes.ts";
import type { HubMessage, Sample, WorkerMessage } from "./sample.ts";
import { readCpuTemperature } from "./temperature.ts";

declare const self: Worker;

quietJit();

const post = (message: WorkerMessage) => self.postMessage(message);

function readCounters() {
  return {
    at: Date.now(),
    cpu: parseStat(readFileSync("/proc/stat", "utf8")),
    net: parseNetDev(readFileSync("/proc/net/dev", "utf8")),
    disk: parseDiskstats(readFileSync("/proc/diskstats", "utf8")),
  };
}

function countProcesses(): number {
  let n = 0;
  for (const entry of readdirSync("/proc")) if (entry.charCodeAt(0) >= 48 && entry.charCodeAt(0) <= 57) n++;
  return n;
}

let previous: ReturnType<typeof readCounters> | null = null;

/** One tick: read the counters, turn deltas into rates. The first tick only primes the counters. */
function sample(): Sample | null {
  const now = readCounters();
  const before = previous;
  previous = now;
  if (!before) return null;
  const ms = now.at - before.at;
  const memory = parseMeminfo(readFileSync("/proc/meminfo", "utf8"));
  const { load } = parseLoadavg(readFileSync("/proc/loadavg", "utf8"));
  const interfaces = [...now.net].map(([name, c]) => {
    const b = before.net.get(name) ?? c;
    return { name, rx: ratePerSecond(b.rx, c.rx, ms), tx: ratePerSecond(b.tx, c.tx, ms) };
  });
  return {
    at: now.at,
    cpu: cpuUsage(before.cpu.total, now.cpu.total),
    cores: now.cpu.cores.map((core, i) => cpuUsage(before.cpu.cores[i] ?? core, core)),
    load,
    memory: {
      total: memory.total,
      used: memory.used,
      available: memory.available,
      cached: memory.cached,
      buffers: memory.buffers,
    },
    swap: { total: memory.swapTotal, used: memory.swapUsed },
    network: {
      rx: interfaces.reduce((s, i) => s + i.rx, 0),
      tx: interfaces.reduce((s, i) => s + i.tx, 0),
      interfaces,
    },
    disk: {
      read: ratePerSecond(before.disk.read, now.disk.read, ms),
      write: ratePerSecond(before.disk.written, now.disk.written, ms),
    },
    processes: countProcesses(),
  };
}

let tickTimer: ReturnType<typeof setInterval> | null = null;
let slowTimer: ReturnType<typeof setInterval> | null = null;

function tick() {
  try {
    const s = sample();
    if (s) post({ type: "sample", sample: s });
  } catch (error) {
    post({ type: "error", message: `sample failed: ${(error as Error).message}` });
  }
}

function slow() {
  Promise.all([readFilesystems(), readCpuTemperature()])
    .then(([filesystems, temperature]) => post({ type: "filesystems", filesystems, temperature }))
    .catch((error) => post({ type: "error", message: `filesystems: ${(error as Error).message}` }));
}

let processTimer: ReturnType<typeof setInterval> | null = null;
let processTable: ProcessTable | null = null;

function processTick() {
  try {
    processTable ??= new ProcessTable();
    post({ type: "processes", at: Date.now(), processes: processTable.read() });
  } catch (error) {
    post({ type: "error", message: `processes: ${(error as Error).message}` });
  }
}

/** Reads the process table every `intervalMs` (0 stops: nobody is looking). */
function watchProcesses(intervalMs: number) {
  if (processTimer) clearInterval(processTimer);
  processTimer = null;
  if (intervalMs <= 0) return processTable?.reset();
  processTick();
  processTimer = setInterval(processTick, intervalMs);
}

self.onmessage = (event: MessageEvent<HubMessage>) => {
  const message = event.data;
  if (message.type === "processes") return watchProcesses(message.intervalMs);
  if (tickTimer) clearInterval(tickTimer);
  if (slowTimer) clearInterval(slowTimer);
  tick();
  tickTimer = setInterval(tick, message.intervalMs);
  slowTimer = setInterval(slow, message.filesystemIntervalMs);
};

readHostFactsApart()
  .then((host) => post({ type: "host", host }))
  .catch((error) => post({ type: "error", message: `host facts: ${(error as Error).message}` }));
slow();
