/**
 * Failures of Warden's background work (rule engine, scans, schedules, deliveries, history,
 * periodic checks), counted by job since start. Each job logs and retries its own failures;
 * this tally is what `/metrics` shows as `warden_background_failures_total{job=…}`, and what
 * a test reads to see that a fault was noticed rather than swallowed.
 */
export class BackgroundFailures {
  readonly #counts = new Map<string, number>();

  /** Counts one failure of `job`. */
  count(job: string): void {
    this.#counts.set(job, (this.#counts.get(job) ?? 0) + 1);
  }

  /** Failures of `job` so far. */
  of(job: string): number {
    return this.#counts.get(job) ?? 0;
  }

  /** Every job that failed at least once, with its count, by name. */
  entries(): [job: string, failures: number][] {
    return [...this.#counts].sort(([a], [b]) => a.localeCompare(b));
  }
}
