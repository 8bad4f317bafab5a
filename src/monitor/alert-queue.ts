import {
  appendFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { dirname } from "node:path";
import { AppError } from "../lib/errors.ts";
import type { Logger } from "../lib/log.ts";
import type { AlertSink, RaiseInput } from "./alert-sink.ts";

/** One alert write, in the order it was asked for. */
type AlertWrite = { op: "raise"; input: RaiseInput } | { op: "close"; dedupKey: string; reason: string };

/** How long to back off and when to move waiting writes to disk. */
export interface AlertQueueTiming {
  /** First wait after a failed write; doubled after each further failure. */
  initialBackoffMs: number;
  /** Longest wait between two tries. */
  maxBackoffMs: number;
  /** A write failing for this long moves every waiting write to the spool file. */
  spoolAfterMs: number;
  /** Writes held in memory at most; past that, new ones go to the spool file. */
  maxInMemory: number;
}

const DEFAULT_TIMING: AlertQueueTiming = {
  initialBackoffMs: 100,
  maxBackoffMs: 5_000,
  spoolAfterMs: 10_000,
  maxInMemory: 10_000,
};

/**
 * Raises and closes alerts through `sink` in the order asked, and loses none: a write that
 * fails is tried again with backoff (a log line per retry) until it is stored; one failing
 * for longer than `spoolAfterMs`, and everything behind it, moves to an append-only spool
 * file in the data directory, which is replayed first — at the next start too — once the
 * database answers again. Only a write the alerts service refuses as invalid (an `AppError`
 * such as a 422) is dropped, with an error line: trying it again cannot help.
 *
 * `raise` and `close` resolve once the write is queued, not when it is stored.
 */
export class AlertWriteQueue implements AlertSink {
  readonly #timing: AlertQueueTiming;
  #memory: AlertWrite[] = [];
  #spooled = 0;
  #counts = {
    /** Writes asked for since start (raises and closes). */
    queued: 0,
    /** Raises stored since start (each a new alert or one more count on an open one). */
    raised: 0,
    /** Closes done since start. */
    closed: 0,
    /** Failed attempts to write an alert since start (each retry counts). */
    failures: 0,
    /** Writes given up because they can never succeed (invalid input). */
    dropped: 0,
  };
  #failingSince: number | null = null;
  #running: Promise<void> | null = null;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #wake: (() => void) | null = null;
  #stopped = false;

  constructor(
    private readonly sink: AlertSink,
    private readonly spoolPath: string,
    private readonly log: Logger,
    timing: Partial<AlertQueueTiming> = {},
  ) {
    this.#timing = { ...DEFAULT_TIMING, ...timing };
    this.#spooled = spoolLines(readSpool(spoolPath)).length;
    if (this.#spooled > 0) this.#pump();
  }

  /** Queues raising an alert. */
  raise(input: RaiseInput): Promise<void> {
    this.#enqueue({ op: "raise", input });
    return Promise.resolve();
  }

  /** Queues closing the open alert of `dedupKey`. */
  close(dedupKey: string, reason: string): Promise<void> {
    this.#enqueue({ op: "close", dedupKey, reason });
    return Promise.resolve();
  }

  /** A copy of the queue's figures, for `/metrics` and tests: its counts, and the writes waiting in memory and in the spool file. */
  stats() {
    return { ...this.#counts, pending: this.#memory.length, spooled: this.#spooled };
  }

  /**
   * Waits up to `timeoutMs` for every queued write to be stored; what is still waiting then
   * is written to the spool file, to be stored at the next start. Resolves true when nothing
   * was left.
   */
  async stop(timeoutMs: number): Promise<boolean> {
    const drained = this.#running ?? Promise.resolve();
    const timedOut = await Promise.race([drained.then(() => false), Bun.sleep(timeoutMs).then(() => true)]);
    this.#stopped = true;
    this.#wake?.();
    await this.#running;
    if (this.#memory.length > 0) this.#spoolMemory();
    return !timedOut && this.#spooled === 0;
  }

  #enqueue(write: AlertWrite): void {
    this.#counts.queued++;
    if (!this.#stopped && this.#spooled === 0 && this.#memory.length < this.#timing.maxInMemory) {
      this.#memory.push(write);
    } else {
      // Behind everything older: what waits in memory goes to the spool first.
      if (this.#memory.length > 0) this.#spoolMemory();
      this.#appendToSpool([write]);
    }
    this.#pump();
  }

  #pump(): void {
    if (this.#running || this.#stopped) return;
    this.#running = this.#drain().finally(() => {
      this.#running = null;
    });
  }

  async #drain(): Promise<void> {
    while (!this.#stopped) {
      if (this.#spooled > 0) {
        if (!(await this.#drainSpool())) await this.#backOff();
      } else if (this.#memory.length > 0) {
        const write = this.#memory[0] as AlertWrite;
        // Moved to the spool while it was being stored (memory overflowed): the spooled copy
        // is stored again later, counting the alert once more; no write is lost either way.
        if (await this.#apply(write)) {
          if (this.#memory[0] === write) this.#memory.shift();
        } else if (
          this.#failingSince !== null &&
          Date.now() - this.#failingSince >= this.#timing.spoolAfterMs
        ) {
          this.#spoolMemory();
          await this.#backOff();
        } else await this.#backOff();
      } else return;
    }
  }

  /** Replays the spool file in order; false when a write failed (the rest stays spooled). */
  async #drainSpool(): Promise<boolean> {
    const text = readSpool(this.spoolPath);
    const lines = spoolLines(text);
    let done = 0;
    let ok = true;
    for (const line of lines) {
      const write = parseWrite(line);
      if (write && !(await this.#apply(write))) {
        ok = false;
        break;
      }
      if (!write) this.log.error("alert spool line unreadable, skipped", { line: line.slice(0, 200) });
      done++;
    }
    // Lines appended while this ran stay behind the ones not yet stored.
    const rest = [...lines.slice(done), ...spoolLines(readSpool(this.spoolPath).slice(text.length))];
    if (rest.length === 0) rmSync(this.spoolPath, { force: true });
    else replaceFile(this.spoolPath, `${rest.join("\n")}\n`);
    this.#spooled = rest.length;
    if (done > 0 && rest.length === 0) this.log.info("spooled alerts stored", { count: done });
    return ok;
  }

  /** Tries one write; true when it is done (stored, or dropped as invalid). */
  async #apply(write: AlertWrite): Promise<boolean> {
    try {
      if (write.op === "raise") {
        await this.sink.raise(write.input);
        this.#counts.raised++;
      } else {
        await this.sink.close(write.dedupKey, write.reason);
        this.#counts.closed++;
      }
      if (this.#failingSince !== null) this.log.info("alert writes resume");
      this.#failingSince = null;
      return true;
    } catch (error) {
      if (error instanceof AppError && error.status < 500) {
        this.#counts.dropped++;
        this.log.error("alert write refused, dropped", { write, error });
        return true;
      }
      this.#counts.failures++;
      this.#failingSince ??= Date.now();
      this.log.warn("alert write failed, will retry", {
        op: write.op,
        dedupKey: write.op === "raise" ? write.input.dedupKey : write.dedupKey,
        failingForMs: Date.now() - this.#failingSince,
        error,
      });
      return false;
    }
  }

  #backOff(): Promise<void> {
    const failing = this.#failingSince === null ? 0 : Date.now() - this.#failingSince;
    const steps = Math.floor(Math.log2(1 + failing / this.#timing.initialBackoffMs));
    const wait = Math.min(this.#timing.maxBackoffMs, this.#timing.initialBackoffMs * 2 ** steps);
    return new Promise<void>((resolve) => {
      this.#wake = resolve;
      this.#timer = setTimeout(resolve, wait);
    }).then(() => {
      if (this.#timer) clearTimeout(this.#timer);
      this.#timer = null;
      this.#wake = null;
    });
  }

  #spoolMemory(): void {
    const writes = this.#memory;
    this.#memory = [];
    this.#appendToSpool(writes);
    this.log.warn("alert writes moved to the spool file until the database answers", {
      count: writes.length,
      path: this.spoolPath,
    });
  }

  #appendToSpool(writes: AlertWrite[]): void {
    if (writes.length === 0) return;
    mkdirSync(dirname(this.spoolPath), { recursive: true });
    appendFileSync(this.spoolPath, writes.map((write) => `${JSON.stringify(write)}\n`).join(""), {
      mode: 0o600,
    });
    this.#spooled += writes.length;
  }
}

function readSpool(path: string): string {
  return existsSync(path) ? readFileSync(path, "utf8") : "";
}

/** The lines of a spool's text: one write each. */
function spoolLines(text: string): string[] {
  return text.split("\n").filter((line) => line !== "");
}

/** Writes `text` to a new file and renames it over `path`, so a crash leaves one or the other. */
function replaceFile(path: string, text: string): void {
  const next = `${path}.next`;
  writeFileSync(next, text, { mode: 0o600 });
  renameSync(next, path);
}

function parseWrite(line: string): AlertWrite | null {
  try {
    const write = JSON.parse(line) as AlertWrite;
    return write.op === "raise" || write.op === "close" ? write : null;
  } catch {
    return null;
  }
}

/** Figures of the queue, for `/metrics` and tests. */
export type AlertQueueStats = ReturnType<AlertWriteQueue["stats"]>;
