import { and, asc, desc, eq, gte, inArray, lte } from "drizzle-orm";
import { z } from "zod";
import { HISTORY_RANGES, type HistoryRange } from "../../../views/pages/dashboard/history-panel.tsx";
import type { Actor } from "../../kit/actor.ts";
import { assertCan } from "../../kit/rbac.ts";
import { Validation } from "../../lib/errors.ts";
import { type HistoryPoint, SERIES, type SeriesName } from "../../monitor/history.ts";
import { type HistoryAnswer, MINUTE_RESOLUTION_MAX_MS, metricsHistory } from "../../monitor/history-query.ts";
import {
  agentHostView,
  assertHostExists,
  type HostReadDeps,
  hostSchema,
  LOCAL_HOST_ID,
  localHost,
} from "./host-list.ts";
import { figuresOf, sampleRow } from "./sample-writer.ts";
import { hostMetricsHour, hostMetricsMinute, hostSamples } from "./schema.ts";

const HOUR = 3_600_000;
const RANGE_MS: Record<HistoryRange, number> = {
  "1h": HOUR,
  "24h": 24 * HOUR,
  "7d": 7 * 24 * HOUR,
  "30d": 30 * 24 * HOUR,
};

/** A host's latest sample (hub time): percentages, load, bytes per second, processes. */
export const hostFiguresSchema = z.object({
  at: z.number().int(),
  cpu: z.number(),
  memory: z.number(),
  swap: z.number(),
  load1: z.number(),
  netRx: z.number(),
  netTx: z.number(),
  diskRead: z.number(),
  diskWrite: z.number(),
  processes: z.number().int(),
});

/** One host as its page shows it: what the list shows and its latest sample. */
export const hostDetailSchema = hostSchema.extend({ latest: hostFiguresSchema.nullable() });

/** A host with its latest sample. */
export type HostDetail = z.infer<typeof hostDetailSchema>;

/** Query of `GET /api/v1/hosts/:id/history`. */
export const hostHistoryQuerySchema = z.object({
  range: z.enum(HISTORY_RANGES).default("24h").describe("How far back from now"),
  series: z
    .string()
    .min(1)
    .max(200)
    .default("cpu,memory")
    .describe("Comma-separated series names (see /api/v1/metrics/series)"),
});

/**
 * One host with its latest sample: `local` is the host Warden runs on (from the metrics
 * hub), any other id an agent's host.
 * @throws NotFound when no host has that id.
 */
export async function getHost(deps: HostReadDeps, actor: Actor, id: string): Promise<HostDetail> {
  assertCan(actor, "read", "hosts");
  const now = Date.now();
  const { db } = deps.database;
  if (id === LOCAL_HOST_ID) {
    const sample = deps.metrics.snapshot().latest;
    const latest = sample && figuresOf(sampleRow(LOCAL_HOST_ID, sample, 0));
    return { ...localHost(deps, now), latest };
  }
  const row = await assertHostExists(db, id);
  const [sample] = await db
    .select()
    .from(hostSamples)
    .where(eq(hostSamples.hostId, id))
    .orderBy(desc(hostSamples.at))
    .limit(1);
  return { ...agentHostView(row, deps.config, now), latest: sample ? figuresOf(sample) : null };
}

/**
 * A host's history over `range` back from now, in the local history API's shape: the local
 * host's from its own history, an agent's from its minute rollups up to two days and its
 * hourly ones beyond.
 * @throws NotFound for an unknown host; Validation for unknown series.
 */
export async function hostHistory(
  deps: HostReadDeps,
  actor: Actor,
  id: string,
  query: z.infer<typeof hostHistoryQuerySchema>,
): Promise<HistoryAnswer> {
  assertCan(actor, "read", "hosts");
  const to = Date.now();
  const from = to - RANGE_MS[query.range];
  const { db } = deps.database;
  if (id === LOCAL_HOST_ID) return metricsHistory({ ...deps, db }, actor, { series: query.series, from, to });
  const names = [...new Set(query.series.split(",").map((s) => s.trim()))];
  const unknown = names.filter((n) => !Object.hasOwn(SERIES, n));
  if (unknown.length > 0)
    throw new Validation({
      series: `Unknown series ${unknown.join(", ")}; known: ${Object.keys(SERIES).join(", ")}.`,
    });
  await assertHostExists(db, id);
  const resolution = to - from <= MINUTE_RESOLUTION_MAX_MS ? "minute" : "hour";
  const table = resolution === "minute" ? hostMetricsMinute : hostMetricsHour;
  const rows = await db
    .select()
    .from(table)
    .where(
      and(eq(table.hostId, id), inArray(table.series, names), gte(table.bucket, from), lte(table.bucket, to)),
    )
    .orderBy(asc(table.bucket));
  const series: Record<string, HistoryPoint[]> = Object.fromEntries(names.map((s) => [s, []]));
  for (const r of rows) series[r.series as SeriesName]?.push([r.bucket, r.avg, r.min, r.max]);
  return { resolution, step: null, from, to, series };
}
