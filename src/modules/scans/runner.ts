import { and, eq, inArray } from "drizzle-orm";
import type { ConfigSource } from "../../config/live.ts";
import type { Db } from "../../db/client.ts";
import type { BackgroundFailures } from "../../lib/background-failures.ts";
import { chunks } from "../../lib/chunks.ts";
import { AppError } from "../../lib/errors.ts";
import type { CounterVec } from "../../lib/instruments.ts";
import type { Logger } from "../../lib/log.ts";
import { type Resolver, systemResolver } from "../../lib/resolver.ts";
import { withRetries } from "../../lib/retry.ts";
import { PortScan, type ScanCounts } from "../../monitor/scanner.ts";
import type { Bus } from "../../realtime/bus.ts";
import { type DiffPort, scanDiff } from "./diff.ts";
import { scanHosts } from "./hosts-schema.ts";
import { assertProbeBudget } from "./limits.ts";
import { parsePortSpec, serviceName } from "./ports.ts";
import { type ScanPort, scanPorts } from "./ports-schema.ts";
import { type RemoteScan, type RemoteScanResult, storeRemoteResult, whenAborted } from "./remote-run.ts";
import { type Scan, type ScanStatus, scans } from "./schema.ts";
import { resolveTargets } from "./targets.ts";

/** Ports a connect probe tries to tell whether a host is up (any answer, open or refused, counts). */
const DISCOVERY_PORTS = [80, 443, 22, 445, 3389];

/** Results are written and progress is published at most this often. */
const FLUSH_MS = 250;

/** Rows per INSERT (SQLite bounds the parameters of one statement). */
const INSERT_ROWS = 500;

/**
 * Told after a completed scan which ports are open that were not in the previous completed
 * scan of the same target from the same host (never after the first: it is the baseline).
 * `hostId` is the host it ran from (`local` or an agent's host, then named `hostName`).
 */
export type NewOpenPortsListener = (
  scan: { id: string; target: string; hostId: string; hostName: string | null },
  ports: DiffPort[],
) => void;

/** What the runner needs. */
export interface ScanRunnerDeps {
  db: Db;
  bus?: Bus;
  config: ConfigSource;
  log: Logger;
  /** Host name resolution (the system resolver unless a test picks another). */
  resolve?: Resolver;
  onNewOpenPorts?: NewOpenPortsListener;
  /** Where failures of scans' background writes are counted. */
  failures?: BackgroundFailures;
  /** Where every port probe is counted by its result (`warden_scan_probes_total`). */
  probes?: CounterVec;
}

/** Tries of the last write of a scan's results before the scan counts as failed. */
const FINAL_FLUSH = { attempts: 6, initialMs: 200, maxMs: 3_000 };

/** A scan in flight: how to stop it, and the promise that settles once its end is written. */
interface Running {
  target: string;
  controller: AbortController;
  finished: Promise<void>;
}

/** Scans of the same target (case and spaces aside) from the same host run one after the other. */
function targetKey(scan: Scan): string {
  return `${scan.hostId} ${scan.target.trim().toLowerCase()}`;
}

/** A scan waiting its turn; `remote` when an agent's host runs it. */
interface Queued {
  scan: Scan;
  remote?: RemoteScan;
}

/** Percent and ETA of counts, started at `startedAt`. */
export function progressOf(counts: Pick<ScanCounts, "done" | "total">, startedAt: number, now = Date.now()) {
  const percent = counts.total === 0 ? 100 : Math.floor((counts.done / counts.total) * 1000) / 10;
  const etaMs =
    counts.done === 0 ? null : Math.round(((now - startedAt) / counts.done) * (counts.total - counts.done));
  return { percent, etaMs };
}

/**
 * Runs scans in the background, independent of the request that started them: one at a
 * time per target and at most `scanner.maxConcurrentScans` at once (others wait, `queued`,
 * in the order they came), cancellable, results written in batches, progress published on
 * the bus at most four times a second.
 */
export class ScanRunner {
  #running = new Map<string, Running>();
  #queue: Queued[] = [];
  #stopping = false;

  constructor(private readonly deps: ScanRunnerDeps) {}

  /** Marks scans a previous process left queued or running as interrupted (call once at start). */
  async markInterrupted(): Promise<number> {
    const rows = await this.deps.db
      .update(scans)
      .set({
        status: "interrupted",
        finishedAt: Date.now(),
        error: "Warden stopped before the scan finished.",
      })
      .where(inArray(scans.status, ["queued", "running"]))
      .returning({ id: scans.id });
    return rows.length;
  }

  /**
   * Starts `scan` now, or queues it: behind the scan running against the same target from
   * the same host, or until fewer than `scanner.maxConcurrentScans` scans run. With `remote`
   * an agent runs it ({@link RemoteScan}) and its answer is stored as this runner stores its own.
   */
  enqueue(scan: Scan, remote?: RemoteScan): void {
    if (this.#stopping) return;
    this.#queue.push({ scan, remote });
    this.#startQueued();
  }

  /** Cancels a queued or running scan; false when this runner does not hold it. */
  async cancel(id: string): Promise<boolean> {
    const running = this.#running.get(id);
    if (running) {
      running.controller.abort();
      await running.finished;
      return true;
    }
    const index = this.#queue.findIndex((queued) => queued.scan.id === id);
    if (index < 0) return false;
    this.#queue.splice(index, 1);
    await this.#setEnd(id, "cancelled", null);
    this.deps.bus?.publish("scans", "scan.finished", { id, status: "cancelled" });
    return true;
  }

  /** Resolves when nothing runs or waits any more. */
  async idle(): Promise<void> {
    while (this.#running.size > 0) await Promise.all([...this.#running.values()].map((r) => r.finished));
  }

  /** Stops every scan (shutdown): running and queued ones end as interrupted. */
  async stop(): Promise<void> {
    this.#stopping = true;
    const queued = this.#queue.splice(0);
    for (const running of this.#running.values()) running.controller.abort("shutdown");
    await Promise.all([...this.#running.values()].map((r) => r.finished));
    if (queued.length > 0) await this.markInterrupted();
  }

  #start({ scan, remote }: Queued): void {
    const controller = new AbortController();
    const running: Running = { target: targetKey(scan), controller, finished: Promise.resolve() };
    this.#running.set(scan.id, running);
    const run = remote
      ? this.#runRemote(scan, remote, controller.signal)
      : this.#run(scan, controller.signal);
    running.finished = run
      .catch(async (error) => {
        this.deps.failures?.count("scans");
        this.deps.log.error("scan failed", { scanId: scan.id, error });
        await this.#finish(
          scan,
          "failed",
          "The scan stopped on an internal error; see the server log.",
          remote?.hostName ?? null,
        ).catch(() => undefined);
      })
      .finally(() => {
        this.#running.delete(scan.id);
        if (!this.#stopping) this.#startQueued();
      });
  }

  /** Starts queued scans, oldest first, while a slot is free, skipping those whose target is busy. */
  #startQueued(): void {
    const slots = this.deps.config.get().scanner.maxConcurrentScans;
    for (let i = 0; i < this.#queue.length && this.#running.size < slots; ) {
      const queued = this.#queue[i] as Queued;
      const busy = [...this.#running.values()].some((r) => r.target === targetKey(queued.scan));
      if (busy) i++;
      else {
        this.#queue.splice(i, 1);
        this.#start(queued);
      }
    }
  }

  async #run(scan: Scan, signal: AbortSignal): Promise<void> {
    const { db, bus, config } = this.deps;
    const settings = config.get().scanner;
    const startedAt = Date.now();
    await db.update(scans).set({ status: "running", startedAt }).where(eq(scans.id, scan.id));
    bus?.publish("scans", "scan.started", { id: scan.id });
    const spec = parsePortSpec(scan.ports);
    const ports = spec.ok ? spec.ports : [];
    let hosts: string[];
    try {
      // Checked again: the allowlist and the probe budget are hot keys and may have changed
      // while the scan waited, and a name may resolve to more addresses now.
      hosts = await resolveTargets(scan.target, settings.allowedTargets, this.deps.resolve ?? systemResolver);
      assertProbeBudget(hosts.length, ports.length, settings.maxProbesPerScan);
    } catch (error) {
      const message =
        error instanceof AppError ? (error.detail ?? error.title) : "The target could not be read.";
      await this.#finish(scan, "failed", message);
      return;
    }
    const plan = {
      concurrency: scan.concurrency,
      connectTimeoutMs: scan.connectTimeoutMs,
      bannerTimeoutMs: settings.bannerTimeoutMs,
      signal,
    };
    const answered = new Map<string, number>();
    if (scan.hostDiscovery) {
      const probe = new PortScan(
        { ...plan, hosts, ports: DISCOVERY_PORTS, bannerTimeoutMs: 0 },
        (host, _p, state) => {
          this.deps.probes?.inc({ result: state });
          if (state !== "filtered") answered.set(host, 0);
        },
      );
      await probe.run();
      hosts = hosts.filter((host) => answered.has(host));
    }
    let found: ScanPort[] = [];
    const engine = new PortScan({ ...plan, hosts, ports }, (host, port, state, banner) => {
      this.deps.probes?.inc({ result: state });
      if (state === "filtered") return;
      answered.set(host, (answered.get(host) ?? 0) + (state === "open" ? 1 : 0));
      if (state === "open")
        found.push({ scanId: scan.id, host, port, service: serviceName(port), banner, foundAt: Date.now() });
    });
    await db
      .update(scans)
      .set({ hostCount: hosts.length, portsTotal: engine.counts.total })
      .where(eq(scans.id, scan.id));
    const flush = async () => {
      const batch = found;
      found = [];
      const counts = { ...engine.counts };
      try {
        await db.transaction(async (tx) => {
          for (const rows of chunks(batch, INSERT_ROWS))
            await tx.insert(scanPorts).values(rows).onConflictDoNothing();
          await tx
            .update(scans)
            .set({
              portsDone: counts.done,
              openCount: counts.open,
              closedCount: counts.closed,
              filteredCount: counts.filtered,
            })
            .where(eq(scans.id, scan.id));
        });
      } catch (error) {
        // Kept for the next flush: no found port is lost to a failed write.
        found = batch.concat(found);
        throw error;
      }
      bus?.publish("scans", "scan.progress", {
        id: scan.id,
        status: "running",
        done: counts.done,
        total: counts.total,
        open: counts.open,
        ...progressOf(counts, startedAt),
      });
    };
    const flushFailed = (error: unknown) => {
      this.deps.failures?.count("scans");
      this.deps.log.warn("scan results could not be stored yet; retrying", { scanId: scan.id, error });
    };
    // A progress write that fails is logged and retried by the next one; never left unhandled.
    let flushing: Promise<void> = Promise.resolve();
    const timer = setInterval(() => {
      flushing = flushing.then(flush).catch(flushFailed);
    }, FLUSH_MS);
    const outcome = await engine.run();
    clearInterval(timer);
    await flushing;
    await withRetries(flush, { ...FINAL_FLUSH, onFailure: flushFailed });
    const up = [...answered.entries()];
    if (up.length > 0)
      await db
        .insert(scanHosts)
        .values(up.map(([address, openCount]) => ({ scanId: scan.id, address, openCount })))
        .onConflictDoNothing();
    await db.update(scans).set({ hostsUp: up.length }).where(eq(scans.id, scan.id));
    const status: ScanStatus = !outcome.aborted
      ? "completed"
      : signal.reason === "shutdown"
        ? "interrupted"
        : "cancelled";
    await this.#finish(scan, status, null);
  }

  /**
   * Has an agent run `scan` and stores its answer: completed (interrupted when the agent
   * stopped at its time limit), failed with the agent's or the hub's refusal, or cancelled
   * (the answer, should it come, is dropped).
   */
  async #runRemote(scan: Scan, remote: RemoteScan, signal: AbortSignal): Promise<void> {
    const { db, bus } = this.deps;
    await db.update(scans).set({ status: "running", startedAt: Date.now() }).where(eq(scans.id, scan.id));
    bus?.publish("scans", "scan.started", { id: scan.id });
    let result: RemoteScanResult | null;
    try {
      result = await Promise.race([remote.run(), whenAborted(signal)]);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      await this.#finish(scan, "failed", error.detail ?? error.title, remote.hostName);
      return;
    }
    if (!result) {
      const ended = signal.reason === "shutdown" ? "interrupted" : "cancelled";
      await this.#finish(scan, ended, null, remote.hostName);
      return;
    }
    await withRetries(() => storeRemoteResult(db, scan.id, result), {
      ...FINAL_FLUSH,
      onFailure: (error) =>
        this.deps.log.warn("an agent's scan could not be stored yet; retrying", { scanId: scan.id, error }),
    });
    const stopped = result.aborted
      ? "The agent stopped the scan at its time limit; what it found until then is stored."
      : null;
    await this.#finish(scan, result.aborted ? "interrupted" : "completed", stopped, remote.hostName);
  }

  async #finish(
    scan: Scan,
    status: ScanStatus,
    error: string | null,
    hostName: string | null = null,
  ): Promise<void> {
    await this.#setEnd(scan.id, status, error);
    this.deps.bus?.publish("scans", "scan.finished", { id: scan.id, status });
    if (status !== "completed" || !this.deps.onNewOpenPorts) return;
    const ports = (await scanDiff(this.deps.db, scan)).newlyOpen;
    if (ports.length === 0) return;
    try {
      this.deps.onNewOpenPorts({ id: scan.id, target: scan.target, hostId: scan.hostId, hostName }, ports);
    } catch (cause) {
      this.deps.log.error("the newly open ports listener failed", { scanId: scan.id, error: cause });
    }
  }

  async #setEnd(id: string, status: ScanStatus, error: string | null): Promise<void> {
    await this.deps.db
      .update(scans)
      .set({ status, error, finishedAt: Date.now() })
      .where(and(eq(scans.id, id), inArray(scans.status, ["queued", "running"])));
  }
}
