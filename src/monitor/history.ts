import { and, asc, gte, inArray, lt, lte, sql } from "drizzle-orm";
import type { ConfigSource } from "../config/live.ts";
import type { Db } from "../db/client.ts";
import { metricsHour, metricsMinute } from "../db/schema/metrics-history.ts";
import type { BackgroundFailures } from "../lib/background-failures.ts";
import type { Logger } from "../lib/log.ts";
import { type RetryPolicy, withRetries } from "../lib/retry.ts";
import type { Sample } from "./sample.ts";

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

/** The series history is kept for, with their units. */
export const SERIES = {
  cpu: { unit: "%", of: (s: Sample) => s.cpu.busy },
  memory: { unit: "%", of: (s: Sample) => (s.memory.total > 0 ? (s.memory.used / s.memory.total) * 100 : 0) },
  swap: { unit: "%", of: (s: Sample) => (s.swap.total > 0 ? (s.swap.used / s.swap.total) * 100 : 0) },
  load1: { unit: "load", of: (s: Sample) => s.load[0] },
  net_rx: { unit: "B/s", of: (s: Sample) => s.network.rx },
  net_tx: { unit: "B/s", of: (s: Sample) => s.network.tx },
  disk_read: { unit: "B/s", of: (s: Sample) => s.disk.read },
  disk_write: { unit: "B/s", of: (s: Sample) => s.disk.write },
  processes: { unit: "count", of: (s: Sample) => s.processes },
} as const;

/** A series name. */
export type SeriesName = keyof typeof SERIES;

/** One point of history: bucket start (ms) and the average, minimum and maximum within it. */
export type HistoryPoint = [at: number, avg: number, min: number, max: number];

/** An upsert's `set` replacing a rollup row's figures with the recomputed ones. */
export const REPLACE_ROLLUP = {
  avg: sql`excluded.avg`,
  min: sql`excluded.min`,
  max: sql`excluded.max`,
  count: sql`excluded.count`,
};

/** Tries of a minute's write: about a minute of patience, then that minute is given up. */
const HISTORY_RETRY: Pick<RetryPolicy, "attempts" | "initialMs" | "maxMs"> = {
  attempts: 6,
  initialMs: 1_000,
  maxMs: 20_000,
};

/**
 * Records history: samples are folded into the current minute in memory; when a minute
 * is complete its rows for every series are written in one batch. When an hour is
 * complete, its hourly rows are computed from the minute rows (averages weighted by
 * sample counts). Old rows are pruned hourly by `monitor.retention.*`. On shutdown the
 * minute in progress is written too, and merged with what the next run adds to the same
 * minute; at start the previous hour is rolled up again, in case the last run ended
 * before it could. A minute whose write fails is tried again with backoff, behind it the
 * minutes after it.
 */
export class HistoryRecorder {
  #minute = -1;
  #acc = new Map<SeriesName, { sum: number; min: number; max: number; count: number }>();
  #pruneTimer: ReturnType<typeof setInterval> | null = null;
  #writes: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Db,
    private readonly config: ConfigSource,
    private readonly log: Logger,
    private readonly failures?: BackgroundFailures,
  ) {}

  /** Starts the hourly pruning and completes the previous hour's rollup. */
  start(): void {
    this.#pruneTimer = setInterval(() => void this.prune(), HOUR);
    const previousHour = Math.floor(Date.now() / HOUR) * HOUR - HOUR;
    this.#writes = this.#writes
      .then(() => this.rollUpHour(previousHour))
      .catch((error) => this.log.error("could not roll up metrics history", { error }));
  }

  /** Writes the minute in progress and everything pending, and stops. */
  async stop(): Promise<void> {
    if (this.#pruneTimer) clearInterval(this.#pruneTimer);
    if (this.#minute !== -1) this.#complete(this.#minute, this.#minute);
    this.#minute = -1;
    await this.#writes;
  }

  /** Folds one sample in; completes (and writes) the previous minute when a new one begins. */
  add(sample: Sample): void {
    const minute = Math.floor(sample.at / MINUTE) * MINUTE;
    if (this.#minute !== -1 && minute !== this.#minute) this.#complete(this.#minute, minute);
    this.#minute = minute;
    for (const [name, series] of Object.entries(SERIES) as [SeriesName, (typeof SERIES)[SeriesName]][]) {
      const v = series.of(sample);
      const acc = this.#acc.getOrInsertComputed(name, () => ({ sum: 0, min: v, max: v, count: 0 }));
      acc.sum += v;
      acc.min = Math.min(acc.min, v);
      acc.max = Math.max(acc.max, v);
      acc.count++;
    }
  }

  /** Resolves once every write started so far has finished (tests, shutdown). */
  flushed(): Promise<void> {
    return this.#writes;
  }

  #complete(minute: number, next: number): void {
    const rows = [...this.#acc].map(([series, a]) => ({
      series,
      bucket: minute,
      avg: a.sum / a.count,
      min: a.min,
      max: a.max,
      count: a.count,
    }));
    this.#acc.clear();
    const hourDone = Math.floor(minute / HOUR) !== Math.floor(next / HOUR);
    const write = async () => {
      if (rows.length > 0)
        await this.db
          .insert(metricsMinute)
          .values(rows)
          .onConflictDoUpdate({
            // A minute split by a restart: merge both parts, weighted by their sample counts.
            target: [metricsMinute.series, metricsMinute.bucket],
            set: {
              avg: sql`(${metricsMinute.avg} * ${metricsMinute.count} + excluded.avg * excluded.count) / (${metricsMinute.count} + excluded.count)`,
              min: sql`min(${metricsMinute.min}, excluded.min)`,
              max: sql`max(${metricsMinute.max}, excluded.max)`,
              count: sql`${metricsMinute.count} + excluded.count`,
            },
          });
      if (hourDone) await this.rollUpHour(Math.floor(minute / HOUR) * HOUR);
    };
    this.#writes = this.#writes
      .then(() =>
        withRetries(write, {
          ...HISTORY_RETRY,
          onFailure: (error, attempt) => {
            this.failures?.count("metrics history");
            this.log.warn("could not write metrics history; retrying", { minute, attempt, error });
          },
        }),
      )
      .catch((error) => this.log.error("metrics history of a minute given up", { minute, error }));
  }

  /** Computes (or recomputes) the hourly rows of the hour starting at `hour` from its minute rows. */
  async rollUpHour(hour: number): Promise<void> {
    const rows = await this.db
      .select({
        series: metricsMinute.series,
        avg: sql<number>`sum(${metricsMinute.avg} * ${metricsMinute.count}) / sum(${metricsMinute.count})`,
        min: sql<number>`min(${metricsMinute.min})`,
        max: sql<number>`max(${metricsMinute.max})`,
        count: sql<number>`sum(${metricsMinute.count})`,
      })
      .from(metricsMinute)
      .where(and(gte(metricsMinute.bucket, hour), lt(metricsMinute.bucket, hour + HOUR)))
      .groupBy(metricsMinute.series);
    if (rows.length === 0) return;
    await this.db
      .insert(metricsHour)
      .values(rows.map((r) => ({ ...r, bucket: hour })))
      .onConflictDoUpdate({ target: [metricsHour.series, metricsHour.bucket], set: REPLACE_ROLLUP });
  }

  /** Deletes rows older than the retention of their table. */
  async prune(now = Date.now()): Promise<void> {
    const { minuteDays, hourDays } = this.config.get().monitor.retention;
    try {
      await this.db.delete(metricsMinute).where(lt(metricsMinute.bucket, now - minuteDays * DAY));
      await this.db.delete(metricsHour).where(lt(metricsHour.bucket, now - hourDays * DAY));
    } catch (error) {
      this.log.error("could not prune metrics history", { error });
    }
  }
}

/** Reads stored history of `series` between `from` and `to` (ms) at minute or hour resolution. */
export async function readHistory(
  db: Db,
  resolution: "minute" | "hour",
  series: SeriesName[],
  from: number,
  to: number,
): Promise<Record<string, HistoryPoint[]>> {
  const table = resolution === "minute" ? metricsMinute : metricsHour;
  const rows = await db
    .select()
    .from(table)
    .where(and(inArray(table.series, series), gte(table.bucket, from), lte(table.bucket, to)))
    .orderBy(asc(table.bucket));
  const out: Record<string, HistoryPoint[]> = Object.fromEntries(series.map((s) => [s, []]));
  for (const r of rows) out[r.series]?.push([r.bucket, r.avg, r.min, r.max]);
  return out;
}
