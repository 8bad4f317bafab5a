// The host's figures for `/metrics` under node_exporter's names with `warden_` for `node_`
// (warden_cpu_seconds_total{cpu,mode} is node_cpu_seconds_total{cpu,mode} …), so its
// dashboards and alerts apply after one rename (README: "Prometheus"). Counters stay
// counters: they are read from /proc at scrape time (five small files, well under a
// millisecond), never derived from the sampler's per-second rates. Filesystems come from
// the sampler's slow cadence (statfs over the mount table), which never blocks a scrape.
import { readFileSync } from "node:fs";
import { hostname, machine, release, type, version } from "node:os";
import { family, type Labels, type MetricFamily } from "../lib/exposition.ts";
import { CPU_MODES, parseLoadavg, parseStat } from "./proc.ts";
import {
  type DiskCounters,
  type NetDeviceCounters,
  parseDiskDevices,
  parseMeminfoFields,
  parseNetDevices,
  parseStatCounters,
  USER_HZ,
} from "./proc-counters.ts";
import type { FilesystemUsage } from "./sample.ts";

/** Devices node_exporter's diskstats collector leaves out by default (partitions, ram, loop, floppy). */
const IGNORED_DISKS = /^(z?ram|loop|fd|(h|s|v|xv)d[a-z]|nvme\d+n\d+p)\d+$/;

const read = (path: string) => readFileSync(path, "utf8");

function cpuFamilies(stat: string): MetricFamily[] {
  const { cores, ids } = parseStat(stat);
  const counters = parseStatCounters(stat);
  const seconds = cores.flatMap((times, i) =>
    CPU_MODES.map((mode) => [{ cpu: ids[i] ?? String(i), mode }, times[mode] / USER_HZ] as const),
  );
  return [
    family("counter", "warden_cpu_seconds_total", "Seconds the CPUs spent in each mode.", seconds),
    family("gauge", "warden_boot_time_seconds", "Node boot time, in unixtime.", [[{}, counters.bootTime]]),
    family("counter", "warden_context_switches_total", "Total number of context switches.", [
      [{}, counters.contextSwitches],
    ]),
    family("counter", "warden_forks_total", "Total number of forks.", [[{}, counters.forks]]),
    family("counter", "warden_intr_total", "Total number of interrupts serviced.", [
      [{}, counters.interrupts],
    ]),
    family("gauge", "warden_procs_running", "Number of processes in runnable state.", [
      [{}, counters.procsRunning],
    ]),
    family("gauge", "warden_procs_blocked", "Number of processes blocked waiting for I/O to complete.", [
      [{}, counters.procsBlocked],
    ]),
  ];
}

function loadFamilies(loadavg: string): MetricFamily[] {
  const { load } = parseLoadavg(loadavg);
  return ([1, 5, 15] as const).map((minutes, i) =>
    family("gauge", `warden_load${minutes}`, `${minutes}m load average.`, [[{}, load[i] ?? 0]]),
  );
}

/**
 * Memory gauges in snake case, each the node_exporter series named in the README: node_exporter
 * keeps /proc/meminfo's camel case (node_memory_MemTotal_bytes), which `promtool check
 * metrics` refuses.
 */
const MEMORY_FIELDS = [
  ["total", "MemTotal", "Physical memory."],
  ["free", "MemFree", "Memory not used at all."],
  ["available", "MemAvailable", "Memory available for new work without swapping (the kernel's estimate)."],
  ["buffers", "Buffers", "Memory in block device buffers."],
  ["cached", "Cached", "Memory in the page cache."],
  ["shared", "Shmem", "Memory in shared memory and tmpfs."],
  ["swap_total", "SwapTotal", "Swap space."],
  ["swap_free", "SwapFree", "Swap space not used."],
] as const;

function memoryFamilies(meminfo: string): MetricFamily[] {
  const bytes = new Map(parseMeminfoFields(meminfo).map((f) => [f.name, f.value]));
  return MEMORY_FIELDS.map(([name, field, help]) =>
    family("gauge", `warden_memory_${name}_bytes`, `${help} (${field} in /proc/meminfo)`, [
      [{}, bytes.get(field) ?? 0],
    ]),
  );
}

function networkFamilies(netDev: string): MetricFamily[] {
  const devices = [...parseNetDevices(netDev)];
  const counter = (name: string, help: string, pick: (c: NetDeviceCounters) => number) =>
    family(
      "counter",
      `warden_network_${name}_total`,
      help,
      devices.map(([device, c]) => [{ device }, pick(c)]),
    );
  return [
    counter("receive_bytes", "Network device statistic receive_bytes.", (c) => c.receiveBytes),
    counter("receive_packets", "Network device statistic receive_packets.", (c) => c.receivePackets),
    counter("receive_errs", "Network device statistic receive_errs.", (c) => c.receiveErrs),
    counter("receive_drop", "Network device statistic receive_drop.", (c) => c.receiveDrop),
    counter("transmit_bytes", "Network device statistic transmit_bytes.", (c) => c.transmitBytes),
    counter("transmit_packets", "Network device statistic transmit_packets.", (c) => c.transmitPackets),
    counter("transmit_errs", "Network device statistic transmit_errs.", (c) => c.transmitErrs),
    counter("transmit_drop", "Network device statistic transmit_drop.", (c) => c.transmitDrop),
  ];
}

function diskFamilies(diskstats: string): MetricFamily[] {
  const devices = [...parseDiskDevices(diskstats)].filter(([name]) => !IGNORED_DISKS.test(name));
  const counter = (name: string, help: string, pick: (c: DiskCounters) => number) =>
    family(
      "counter",
      `warden_disk_${name}`,
      help,
      devices.map(([device, c]) => [{ device }, pick(c)]),
    );
  return [
    counter(
      "reads_completed_total",
      "The total number of reads completed successfully.",
      (c) => c.readsCompleted,
    ),
    counter("read_bytes_total", "The total number of bytes read successfully.", (c) => c.readBytes),
    counter(
      "writes_completed_total",
      "The total number of writes completed successfully.",
      (c) => c.writesCompleted,
    ),
    counter("written_bytes_total", "The total number of bytes written successfully.", (c) => c.writtenBytes),
    counter("io_time_seconds_total", "Total seconds spent doing I/Os.", (c) => c.ioSeconds),
  ];
}

/** Filesystem figures labelled as node_exporter labels them: the source device, its type and its mount point. */
export function filesystemFamilies(filesystems: readonly FilesystemUsage[]): MetricFamily[] {
  const labelsOf = (f: FilesystemUsage): Labels => ({ device: f.fs, fstype: f.type, mountpoint: f.mount });
  const gauge = (name: string, help: string, pick: (f: FilesystemUsage) => number) =>
    family(
      "gauge",
      `warden_filesystem_${name}_bytes`,
      help,
      filesystems.map((f) => [labelsOf(f), pick(f)]),
    );
  return [
    gauge("size", "Filesystem size in bytes.", (f) => f.size),
    gauge("free", "Filesystem free space in bytes.", (f) => f.free),
    gauge("avail", "Filesystem space available to non-root users in bytes.", (f) => f.available),
  ];
}

/** The kernel's identity as node_uname_info carries it. */
function unameFamily(): MetricFamily {
  const name = hostname();
  const labels = {
    domainname: "(none)",
    machine: machine(),
    nodename: name,
    release: release(),
    sysname: type(),
    version: version(),
  };
  return family(
    "gauge",
    "warden_uname_info",
    "Labeled system information as provided by the uname system call.",
    [[labels, 1]],
  );
}

/**
 * The host's CPU, memory, load, network, disk and filesystem figures in node_exporter's
 * names and labels (prefix `warden_`), read now from /proc; `filesystems` from the sampler.
 */
export function hostFamilies(filesystems: readonly FilesystemUsage[]): MetricFamily[] {
  return [
    ...cpuFamilies(read("/proc/stat")),
    ...loadFamilies(read("/proc/loadavg")),
    ...memoryFamilies(read("/proc/meminfo")),
    ...networkFamilies(read("/proc/net/dev")),
    ...diskFamilies(read("/proc/diskstats")),
    ...filesystemFamilies(filesystems),
    unameFamily(),
  ];
}
