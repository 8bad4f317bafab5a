import type { ConfigSource } from "../config/live.ts";
import { ServiceUnavailable } from "../lib/errors.ts";
import type { Logger } from "../lib/log.ts";
import { bundled } from "../lib/paths.ts";
import type { Bus } from "../realtime/bus.ts";
import type { SnapshotProvider } from "../realtime/sse.ts";
import type { ProcessInfo } from "./processes.ts";
import type { FilesystemUsage, HostInfo, HubMessage, Sample, WorkerMessage } from "./sample.ts";

/** How long to wait before starting a crashed sampler again. */
const RESTART_DELAY_MS = 1000;

/** How long the process table keeps being read after the last request for it. */
const PROCESS_DEMAND_MS = 10_000;
/** How long a request waits for a first process table before giving up. */
const PROCESS_WAIT_MS = 5000;

/** The process table at one moment. */
export interface ProcessSnapshot {
  at: number;
  processes: ProcessInfo[];
}

/**
 * The metrics hub (main thread): runs the sampler worker, keeps the latest sample and a
 * ring of recent ones (`monitor.historyMinutes` at full rate) for late joiners, and
 * publishes each tick once on the bus, whatever the number of viewers. A crashed worker
 * is started again after a second; the missing ticks stay missing (charts show the gap).
 */
export class MetricsHub {
  #worker: Worker | null = null;
  #ring: Sample[] = [];
  #host: HostInfo | null = null;
  #filesystems: FilesystemUsage[] = [];
  #temperature: number | null = null;
  #stopped = false;
  #restartTimer: ReturnType<typeof setTimeout> | null = null;
  #restarts = 0;
  #unwatch: (() => void) | null = null;
  #processes: ProcessSnapshot | null = null;
  #processWaiters: ((snapshot: ProcessSnapshot) => void)[] = [];
  #processDemandAt = 0;
  #watchingProcesses = false;
  #demandTimer: ReturnType<typeof setInterval> | null = null;
  #hostListeners = new Set<(host: HostInfo) => void>();

  constructor(private readonly options: { bus: Bus; config: ConfigSource; log: Logger }) {}

  /** Starts sampling; re-configures the worker when monitor intervals change in the config. */
  start(): void {
    this.#stopped = false;
    this.#spawn();
    this.#unwatch =
      this.options.config.onChange?.((_config, changes) => {
        if (Object.keys(changes).some((k) => k.startsWith("monitor."))) this.#configure();
      }) ?? null;
    this.#demandTimer = setInterval(() => this.#checkProcessDemand(), 1000);
    this.#demandTimer.unref?.();
  }

  /** Stops the worker for good (shutdown). */
  stop(): void {
    this.#stopped = true;
    if (this.#restartTimer) clearTimeout(this.#restartTimer);
    this.#unwatch?.();
    if (this.#demandTimer) clearInterval(this.#demandTimer);
    this.#worker?.terminate();
    this.#worker = null;
  }

  /** The latest state for a page or an API answer: host facts, latest sample, filesystems, CPU temperature. */
  snapshot() {
    return {
      host: this.#host,
      latest: this.#ring.at(-1) ?? null,
      filesystems: this.#filesystems,
      temperature: this.#temperature,
    };
  }

  /**
   * Calls `listener` with the host facts once the sampler has read them (at once when they
   * are known already), and again whenever a restarted sampler reads them anew. Returns
   * the function that stops the calls.
   */
  onHost(listener: (host: HostInfo) => void): () => void {
    this.#hostListeners.add(listener);
    if (this.#host) listener(this.#host);
    return () => this.#hostListeners.delete(listener);
  }

  /** Samples in the ring, oldest first (optionally only those after `since` ms). */
  recent(since = 0): Sample[] {
    return since > 0 ? this.#ring.filter((s) => s.at > since) : [...this.#ring];
  }

  /**
   * The process table, refreshed every `monitor.processIntervalMs` while someone asks for
   * it (a request in the last 10 s or a subscriber of the `processes` topic). The first
   * request after a pause waits for a fresh reading, as does one asking for a reading
   * newer than `after` (Unix ms).
   */
  async processes(after = 0): Promise<ProcessSnapshot> {
    this.#processDemandAt = Date.now();
    const current = this.#processes;
    const maxAge = 2 * this.options.config.get().monitor.processIntervalMs + 500;
    const fresh = current && this.#watchingProcesses && Date.now() - current.at <= maxAge;
    if (fresh && current.at > after) return current;
    if (!this.#watchingProcesses) this.#watchProcesses(true);
    return new Promise<ProcessSnapshot>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#processWaiters = this.#processWaiters.filter((w) => w !== waiter);
        reject(new ServiceUnavailable("The process table could not be read in time; try again."));
      }, PROCESS_WAIT_MS);
      const waiter = (snapshot: ProcessSnapshot) => {
        clearTimeout(timer);
        resolve(snapshot);
      };
      this.#processWaiters.push(waiter);
    });
  }

  /** True while the worker reads the process table. */
  get watchingProcesses(): boolean {
    return this.#watchingProcesses;
  }

  /** The sampling interval in force. */
  get intervalMs(): number {
    return this.options.config.get().monitor.intervalMs;
  }

  /** How often the worker had to be started again after a crash. */
  get restarts(): number {
    return this.#restarts;
  }

  /** Kills the worker as a crash would (tests use it to check recovery). */
  crashWorkerForTest(): void {
    this.#worker?.terminate();
    this.#onExit("terminated by test");
  }

  #spawn(): void {
    // The worker is an extra entrypoint of the compile; this path holds in the binary and in development.
    // JavaScriptCore's small heap: the sampler holds little, and every idle MiB counts.
    const worker = new Worker(bundled("src/monitor/sampler.worker.ts"), { smol: true });
    this.#worker = worker;
    worker.onmessage = (event: MessageEvent<WorkerMessage>) => this.#onMessage(event.data);
    worker.onerror = (event) => {
      this.options.log.error("sampler worker failed", { error: event.message });
      worker.terminate();
      this.#onExit(event.message);
    };
    worker.addEventListener("close", () => {
      if (this.#worker === worker) this.#onExit("worker exited");
    });
    this.#configure();
  }

  #configure(): void {
    const { intervalMs, filesystemIntervalMs } = this.options.config.get().monitor;
    this.#worker?.postMessage({ type: "config", intervalMs, filesystemIntervalMs } satisfies HubMessage);
    if (this.#watchingProcesses) this.#watchProcesses(true);
  }

  #watchProcesses(on: boolean): void {
    this.#watchingProcesses = on;
    const intervalMs = on ? this.options.config.get().monitor.processIntervalMs : 0;
    this.#worker?.postMessage({ type: "processes", intervalMs } satisfies HubMessage);
  }

  /** Starts reading processes when a subscriber appeared; stops when nobody asked for a while. */
  #checkProcessDemand(): void {
    const wanted =
      this.options.bus.subscribers("processes") > 0 ||
      Date.now() - this.#processDemandAt < PROCESS_DEMAND_MS ||
      this.#processWaiters.length > 0;
    if (wanted !== this.#watchingProcesses) this.#watchProcesses(wanted);
  }

  #onExit(reason: string): void {
    if (this.#stopped || this.#restartTimer) return;
    this.#worker = null;
    this.#restarts++;
    this.options.log.warn("sampler worker stopped; starting it again", { reason, restarts: this.#restarts });
    this.#restartTimer = setTimeout(() => {
      this.#restartTimer = null;
      if (!this.#stopped) this.#spawn();
    }, RESTART_DELAY_MS);
  }

  #onMessage(message: WorkerMessage): void {
    switch (message.type) {
      case "host":
        this.#host = message.host;
        for (const listener of this.#hostListeners) listener(message.host);
        return;
      case "filesystems":
        this.#filesystems = message.filesystems;
        this.#temperature = message.temperature;
        this.options.bus.publish("metrics", "metrics.filesystems", {
          filesystems: message.filesystems,
          temperature: message.temperature,
        });
        return;
      case "error":
        this.options.log.warn("sampler", { problem: message.message });
        return;
      case "processes": {
        if (!this.#watchingProcesses) return;
        const snapshot: ProcessSnapshot = { at: message.at, processes: message.processes };
        this.#processes = snapshot;
        for (const waiter of this.#processWaiters.splice(0)) waiter(snapshot);
        this.options.bus.publish("processes", "processes.list", snapshot);
        return;
      }
      case "sample": {
        const { intervalMs, historyMinutes } = this.options.config.get().monitor;
        this.#ring.push(message.sample);
        const keep = Math.ceil((historyMinutes * 60_000) / intervalMs);
        if (this.#ring.length > keep) this.#ring.splice(0, this.#ring.length - keep);
        this.options.bus.publish("metrics", "metrics.tick", message.sample);
        return;
      }
    }
  }
}

/** What the dashboard and the API read from the hub. */
export type MetricsSnapshot = ReturnType<MetricsHub["snapshot"]>;

/**
 * The samples in the hub's ring as columns for the dashboard's charts: time in seconds, CPU and
 * memory in %, network in bytes/s.
 */
function chartSeries(samples: Sample[]) {
  return {
    t: samples.map((s) => Math.round(s.at / 1000)),
    cpu: samples.map((s) => s.cpu.busy),
    memory: samples.map((s) =>
      s.memory.total > 0 ? Math.round((s.memory.used / s.memory.total) * 1000) / 10 : 0,
    ),
    rx: samples.map((s) => s.network.rx),
    tx: samples.map((s) => s.network.tx),
  };
}

/**
 * What a new `metrics` subscriber is sent first: host facts, the latest sample,
 * filesystems, and the ring as chart columns (so charts start full, not empty).
 */
export function metricsSnapshot(hub: MetricsHub): SnapshotProvider {
  return (topics) =>
    topics.includes("metrics")
      ? [
          {
            name: "metrics.snapshot",
            data: { ...hub.snapshot(), series: chartSeries(hub.recent()), intervalMs: hub.intervalMs },
          },
        ]
      : [];
}
