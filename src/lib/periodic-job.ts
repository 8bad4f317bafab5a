import type { BackgroundFailures } from "./background-failures.ts";
import type { Logger } from "./log.ts";

/**
 * A job run at start and then every `intervalMs()` (read again after each run, so a
 * config reload applies). A failure is logged and counted, and the next run is its retry;
 * `stop()` ends the schedule and waits for a run under way.
 */
export class PeriodicJob {
  #timer: ReturnType<typeof setTimeout> | null = null;
  #running: Promise<void> | null = null;
  #stopped = true;

  /**
   * @param name Named in the log lines.
   * @param run The work; what it answers (e.g. how many rows it touched) is logged when not 0.
   */
  constructor(
    private readonly name: string,
    private readonly run: () => Promise<number>,
    private readonly intervalMs: () => number,
    private readonly log: Logger,
    private readonly failures?: BackgroundFailures,
  ) {}

  /** Runs now, then on the interval. */
  start(): void {
    this.#stopped = false;
    this.#tick();
  }

  /** Ends the schedule and waits for a run under way. */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#running;
  }

  #tick(): void {
    this.#running = this.run()
      .then((count) => {
        if (count > 0) this.log.info(`${this.name} done`, { count });
      })
      .catch((error) => {
        this.failures?.count(this.name);
        this.log.error(`${this.name} failed`, { error });
      })
      .finally(() => {
        this.#running = null;
        if (!this.#stopped) this.#timer = setTimeout(() => this.#tick(), this.intervalMs());
      });
  }
}
