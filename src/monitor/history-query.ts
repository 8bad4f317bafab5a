import { z } from "zod";
import type { ConfigSource } from "../config/live.ts";
import type { Db } from "../db/client.ts";
import type { Actor } from "../kit/actor.ts";
import { assertCan } from "../kit/rbac.ts";
import { Validation } from "../lib/errors.ts";
import { type HistoryPoint, readHistory, SERIES, type SeriesName } from "./history.ts";
import type { MetricsHub } from "./hub.ts";

/** Ranges up to this long are answered at minute resolution; longer ones hourly. */
export const MINUTE_RESOLUTION_MAX_MS = 2 * 86_400_000;

/** Query of `GET /api/v1/metrics/history`. */
export const historyQuerySchema = z.object({
  series: z.string().min(1).max(200).describe("Comma-separated series names (see /api/v1/metrics/series)"),
  from: z.coerce.number().int().min(0).describe("Unix time in ms"),
  to: z.coerce.number().int().min(0).optional().describe("Unix time in ms; default now"),
  step: z.coerce
    .number()
    .int()
    .min(1000)
    .max(86_400_000)
    .optional()
    .describe("Bucket width in ms: points are merged into buckets this wide (never finer than the source)"),
});

/** Answer of a history query; `step` is the bucket width in ms when it merged points, null for the source's own. */
export const historyAnswerSchema = z.object({
  resolution: z.enum(["raw", "minute", "hour"]),
  step: z.number().int().nullable(),
  from: z.number().int(),
  to: z.number().int(),
  series: z.record(z.string(), z.array(z.tuple([z.number(), z.number(), z.number(), z.number()]))),
});

/** Answer of a history query. */
export type HistoryAnswer = z.infer<typeof historyAnswerSchema>;

/**
 * Merges points into buckets `step` ms wide (aligned to multiples of `step`): the mean of
 * the averages, the lowest minimum and the highest maximum; each bucket is stamped with
 * its start.
 */
export function downsample(points: HistoryPoint[], step: number): HistoryPoint[] {
  const out: HistoryPoint[] = [];
  let bucket = Number.NaN;
  let sum = 0;
  let n = 0;
  let min = 0;
  let max = 0;
  const flush = () => {
    if (n > 0) out.push([bucket, Math.round((sum / n) * 100) / 100, min, max]);
  };
  for (const [t, avg, lo, hi] of points) {
    const start = Math.floor(t / step) * step;
    if (start !== bucket) {
      flush();
      bucket = start;
      sum = 0;
      n = 0;
      min = lo;
      max = hi;
    }
    sum += avg;
    n++;
    min = Math.min(min, lo);
    max = Math.max(max, hi);
  }
  flush();
  return out;
}

const SOURCE_STEP_MS = { raw: 0, minute: 60_000, hour: 3_600_000 } as const;

/**
 * History of host metrics for a time range, from the best source: the hub's ring at full
 * rate when the range lies within it, minute rollups for up to two days, hourly beyond.
 * @throws Validation for unknown series or a bad range.
 */
export async function metricsHistory(
  deps: { db: Db; config: ConfigSource; metrics: MetricsHub },
  actor: Actor,
  query: z.infer<typeof historyQuerySchema>,
): Promise<HistoryAnswer> {
  assertCan(actor, "read", "system");
  const names = [...new Set(query.series.split(",").map((s) => s.trim()))];
  const unknown = names.filter((n) => !Object.hasOwn(SERIES, n));
  const now = Date.now();
  const to = query.to ?? now;
  const fields: Record<string, string> = {};
  if (unknown.length > 0)
    fields.series = `Unknown series ${unknown.join(", ")}; known: ${Object.keys(SERIES).join(", ")}.`;
  if (query.from >= to) fields.from = "from must be before to.";
  const oldest = now - deps.config.get().monitor.retention.hourDays * 86_400_000;
  if (query.from < oldest)
    fields.from = "from is older than the hourly history kept (monitor.retention.hourDays).";
  if (Object.keys(fields).length > 0) throw new Validation(fields);
  const series = names as SeriesName[];

  const answer = await fromBestSource(deps, series, query.from, to);
  const step = query.step;
  if (step === undefined || step <= SOURCE_STEP_MS[answer.resolution]) return answer;
  return {
    ...answer,
    step,
    series: Object.fromEntries(
      Object.entries(answer.series).map(([name, points]) => [name, downsample(points, step)]),
    ),
  };
}

async function fromBestSource(
  deps: { db: Db; metrics: MetricsHub },
  series: SeriesName[],
  from: number,
  to: number,
): Promise<HistoryAnswer> {
  const ring = deps.metrics.recent();
  const first = ring[0];
  if (first && from >= first.at) {
    const inRange = ring.filter((s) => s.at >= from && s.at <= to);
    return {
      resolution: "raw",
      step: null,
      from,
      to,
      series: Object.fromEntries(
        series.map((name) => [
          name,
          inRange.map((s): HistoryPoint => {
            const v = SERIES[name].of(s);
            return [s.at, v, v, v];
          }),
        ]),
      ),
    };
  }
  const resolution = to - from <= MINUTE_RESOLUTION_MAX_MS ? "minute" : "hour";
  return {
    resolution,
    step: null,
    from,
    to,
    series: await readHistory(deps.db, resolution, series, from, to),
  };
}
