import { z } from "zod";
import type { ConfigSource } from "../config/live.ts";
import type { Db } from "../db/client.ts";
import { Validation } from "../lib/errors.ts";
import type { Actor } from "../services/actor.ts";
import { assertCan } from "../services/rbac.ts";
import { type HistoryPoint, readHistory, SERIES, type SeriesName } from "./history.ts";
import type { MetricsHub } from "./hub.ts";

/** Ranges up to this long are answered at minute resolution; longer ones hourly. */
const MINUTE_RESOLUTION_MAX_MS = 2 * 86_400_000;

/** Query of `GET /api/v1/metrics/history`. */
export const historyQuerySchema = z.object({
  series: z.string().min(1).max(200).describe("Comma-separated series names (see /api/v1/metrics/series)"),
  from: z.coerce.number().int().min(0).describe("Unix time in ms"),
  to: z.coerce.number().int().min(0).optional().describe("Unix time in ms; default now"),
});

/** Answer of a history query. */
export interface HistoryAnswer {
  resolution: "raw" | "minute" | "hour";
  from: number;
  to: number;
  series: Record<string, HistoryPoint[]>;
}

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
  const unknown = names.filter((n) => !(n in SERIES));
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

  const ring = deps.metrics.recent();
  const first = ring[0];
  if (first && query.from >= first.at) {
    const inRange = ring.filter((s) => s.at >= query.from && s.at <= to);
    return {
      resolution: "raw",
      from: query.from,
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
  const resolution = to - query.from <= MINUTE_RESOLUTION_MAX_MS ? "minute" : "hour";
  return {
    resolution,
    from: query.from,
    to,
    series: await readHistory(deps.db, resolution, series, query.from, to),
  };
}
