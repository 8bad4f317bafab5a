// The standard process metrics every Prometheus client library exposes (process_cpu_seconds_total,
// process_resident_memory_bytes …), with the same names and meanings as client_golang's
// process collector, read from /proc/self on Linux.
import { readdirSync, readFileSync } from "node:fs";
import { family, type MetricFamily } from "../lib/exposition.ts";
import { parseStatCounters, USER_HZ } from "./proc-counters.ts";

/** Fields of /proc/self/stat after the command name: index 0 is field 3 (state). */
function selfStat(): string[] {
  const text = readFileSync("/proc/self/stat", "utf8");
  return text
    .slice(text.lastIndexOf(")") + 2)
    .trim()
    .split(" ");
}

let startTime: number | null = null;

/** When this process started, Unix seconds: boot time plus field 22 of /proc/self/stat. */
function processStartTime(): number {
  if (startTime === null) {
    const { bootTime } = parseStatCounters(readFileSync("/proc/stat", "utf8"));
    startTime = bootTime + Number(selfStat()[19] ?? 0) / USER_HZ;
  }
  return startTime;
}

/** The soft limit on open files (`Max open files` in /proc/self/limits); -1 when unlimited. */
function maxFds(): number {
  const line = readFileSync("/proc/self/limits", "utf8")
    .split("\n")
    .find((l) => l.startsWith("Max open files"));
  const soft = line?.slice("Max open files".length).trim().split(/\s+/)[0];
  return soft === undefined || soft === "unlimited" ? -1 : Number(soft);
}

/** The process's CPU time, memory, file descriptors and start time. */
export function processFamilies(): MetricFamily[] {
  const cpu = process.cpuUsage();
  // The directory listing includes the descriptor that reads it.
  const openFds = readdirSync("/proc/self/fd").length - 1;
  return [
    family("counter", "process_cpu_seconds_total", "Total user and system CPU time spent in seconds.", [
      [{}, (cpu.user + cpu.system) / 1e6],
    ]),
    family("gauge", "process_resident_memory_bytes", "Resident memory size in bytes.", [
      [{}, process.memoryUsage.rss()],
    ]),
    family("gauge", "process_virtual_memory_bytes", "Virtual memory size in bytes.", [
      [{}, Number(selfStat()[20] ?? 0)],
    ]),
    family("gauge", "process_open_fds", "Number of open file descriptors.", [[{}, openFds]]),
    family("gauge", "process_max_fds", "Maximum number of open file descriptors.", [[{}, maxFds()]]),
    family("gauge", "process_start_time_seconds", "Start time of the process since unix epoch in seconds.", [
      [{}, processStartTime()],
    ]),
  ];
}
