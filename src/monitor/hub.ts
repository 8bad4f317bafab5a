import type { ConfigSource } from "../config/live.ts";
import type { Logger } from "../lib/log.ts";
import { bundled } from "../lib/paths.ts";
import type { Bus } from "../realtime/bus.ts";
import type { FilesystemUsage, HostInfo, HubMessage, Sample, WorkerMessage } from "./sample.ts";

/** How long to wait before starting a crashed sampler again. */
const RESTART_DELAY_MS = 1000;

/** What the dashboard and the API read from the hub. */
export interface MetricsSnapshot {
  host: HostInfo | null;
  latest: Sample | null;
  filesystems: FilesystemUsage[];
  temperature: number | null;
}

/** Options of the hub. */
export interface HubOptions {
  bus: Bus;
  config: ConfigSource;
  log: Logger;
  /** The sampler's script; tests may pass another. */
  workerUrl?: string | URL;
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

  constructor(private readonly options: HubOptions) {}

  /** Starts sampling; re-configures the worker when monitor intervals change in the config. */
  start(): void {
    this.#stopped = false;
    this.#spawn();
    this.#unwatch =
      this.options.config.onChange?.((_config, changes) => {
        if (Object.keys(changes).some((k) => k.startsWith("monitor."))) this.#configure();
      }) ?? null;
  }

  /** Stops the worker for good (shutdown). */
  stop(): void {
    this.#stopped = true;
    if (this.#restartTimer) clearTimeout(this.#restartTimer);
    this.#unwatch?.();
    this.#worker?.terminate();
    this.#worker = null;
  }

  /** The latest state for a page or an API answer. */
  snapshot(): MetricsSnapshot {
    return {
      host: this.#host,
      latest: this.#ring.at(-1) ?? null,
      filesystems: this.#filesystems,
      temperature: this.#temperature,
    };
  }

  /** Samples in the ring, oldest first (optionally only those after `since` ms). */
  recent(since = 0): Sample[] {
    return since > 0 ? this.#ring.filter((s) => s.at > since) : [...this.#ring];
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
    const url = this.options.workerUrl ?? bundled("src/monitor/sampler.worker.ts");
    const worker = new Worker(url);
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
    const message: HubMessage = { type: "config", intervalMs, filesystemIntervalMs };
    this.#worker?.postMessage(message);
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
        return;
      case "filesystems":
        this.#filesystems = message.filesystems;
        this.#temperature = message.temperature;
        this.options.bus.publish("metrics", "metrics.filesystems", { filesystems: message.filesystems });
        return;
      case "error":
        this.options.log.warn("sampler", { problem: message.message });
        return;
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
