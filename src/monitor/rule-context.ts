import { readConnections } from "./connections.ts";
import type { MetricsHub } from "./hub.ts";
import type { ProcessInfo } from "./processes.ts";
import type { SeriesReader } from "./rule-metrics.ts";

/** How many processes the snapshot lists, by CPU and by memory. */
const TOP = 10;
/** How far back the series in a snapshot reaches, and at most how many points it keeps. */
const SERIES_MS = 5 * 60_000;
const SERIES_POINTS = 60;

/** The top processes of a snapshot by `key`. */
const top = (processes: ProcessInfo[], key: "cpu" | "rss") =>
  [...processes]
    .sort((a, b) => b[key] - a[key])
    .slice(0, TOP)
    .map(({ pid, name, user, cpu, memory, rss }) => ({ pid, name, user, cpu, memory, rss }));

/**
 * The host's listening sockets now (TCP listeners and unconnected UDP sockets). Their
 * owners cost a walk over every process's descriptors; `owners: false` skips it (pid and
 * process stay null) and reads only /proc/net.
 */
export function listeningPorts(owners = true) {
  return readConnections({ listeningOnly: true, owners }).map((c) => ({
    protocol: c.protocol,
    address: c.localAddress,
    port: c.localPort,
    pid: c.pid,
    process: c.process,
  }));
}

/** One listening socket of a snapshot. */
export type ListeningPort = ReturnType<typeof listeningPorts>[number];

/** The last minutes of a series from the hub's ring, thinned to at most 60 `[Unix ms, value]` points. */
function recentSeries(hub: MetricsHub, read: SeriesReader, now: number): [number, number][] {
  const samples = hub.recent(now - SERIES_MS);
  const stride = Math.max(1, Math.ceil(samples.length / SERIES_POINTS));
  const points: [number, number][] = [];
  for (let i = samples.length - 1; i >= 0; i -= stride) {
    const sample = samples[i] as (typeof samples)[number];
    points.unshift([sample.at, Math.round(read(sample) * 100) / 100]);
  }
  return points;
}

/**
 * What an alert carries when its rule fires: the measurement (`facts`), the top 10
 * processes by CPU and by memory, the listening ports, and (metric rules) the series'
 * last minutes. A process table that cannot be read in time leaves the lists empty and
 * says why; the alert is raised anyway.
 */
export async function firingContext(
  hub: MetricsHub,
  facts: Record<string, unknown>,
  read: SeriesReader | null,
  now = Date.now(),
): Promise<Record<string, unknown>> {
  let processes: ProcessInfo[] = [];
  let processError: string | null = null;
  try {
    processes = (await hub.processes()).processes;
  } catch (error) {
    processError = (error as Error).message;
  }
  return {
    ...facts,
    at: now,
    topCpu: top(processes, "cpu"),
    topMemory: top(processes, "rss"),
    ...(processError ? { processError } : {}),
    listening: listeningPorts(),
    ...(read ? { series: recentSeries(hub, read, now) } : {}),
  };
}
