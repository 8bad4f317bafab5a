import { z } from "zod";
import type { AppDeps } from "../../deps.ts";
import { ResourceRouter } from "../../kit/resource-router.ts";
import type { ApiRouter } from "../../lib/api-router.ts";
import { SERIES } from "../../monitor/history.ts";
import { historyAnswerSchema, historyQuerySchema, metricsHistory } from "../../monitor/history-query.ts";

const usage = z.object({
  user: z.number(),
  system: z.number(),
  iowait: z.number(),
  idle: z.number(),
  busy: z.number(),
});

/** One tick of host metrics, as the API returns it. */
export const sampleSchema = z.object({
  at: z.number().int().describe("Unix time in ms"),
  cpu: usage.describe("Percent of all CPU time"),
  cores: z.array(usage),
  load: z.tuple([z.number(), z.number(), z.number()]),
  memory: z.object({
    total: z.number(),
    used: z.number(),
    available: z.number(),
    cached: z.number(),
    buffers: z.number(),
  }),
  swap: z.object({ total: z.number(), used: z.number() }),
  network: z.object({
    rx: z.number().describe("Bytes per second received, all interfaces but loopback"),
    tx: z.number(),
    interfaces: z.array(z.object({ name: z.string(), rx: z.number(), tx: z.number() })),
  }),
  disk: z.object({ read: z.number().describe("Bytes per second"), write: z.number() }),
  processes: z.number().int(),
});

const hostSchema = z.object({
  hostname: z.string(),
  os: z.string(),
  distribution: z.string(),
  release: z.string(),
  kernel: z.string(),
  arch: z.string(),
  cpuModel: z.string(),
  cores: z.number().int(),
  memoryTotal: z.number(),
  bootTime: z.number().int(),
  virtualization: z.string().nullable(),
});

const filesystemSchema = z.object({
  mount: z.string(),
  fs: z.string(),
  type: z.string(),
  size: z.number(),
  used: z.number(),
  free: z.number(),
  available: z.number(),
  usePercent: z.number(),
});

/**
 * Host metrics (any signed-in role):
 * - GET /api/v1/system            facts about the host and its uptime
 * - GET /api/v1/metrics/current   the latest sample, filesystems and temperature
 * - GET /api/v1/metrics/series    the series history can be asked for
 * - GET /api/v1/metrics/history   a series' history over a range (raw, minute or hour data)
 */
export function metricsApi(deps: AppDeps): ApiRouter {
  const svc = { db: deps.database.db, config: deps.config, metrics: deps.metrics };
  return new ResourceRouter("", "Metrics", { svc, resource: "system", config: deps.config })
    .read(
      "/system",
      {
        summary: "Facts about the host (read once at start) and its uptime",
        ok: {
          description: "Host facts; null until the sampler has read them",
          schema: z.object({ host: hostSchema.nullable(), uptimeSeconds: z.number().int().nullable() }),
        },
      },
      async ({ metrics }) => {
        const { host } = metrics.snapshot();
        return { host, uptimeSeconds: host ? Math.floor((Date.now() - host.bootTime) / 1000) : null };
      },
    )
    .read(
      "/metrics/current",
      {
        summary: "The latest sample of host metrics",
        ok: {
          description: "Latest sample (null right after start), filesystems, CPU temperature",
          schema: z.object({
            sample: sampleSchema.nullable(),
            filesystems: z.array(filesystemSchema),
            temperature: z.number().nullable(),
          }),
        },
      },
      async ({ metrics }) => {
        const { latest, filesystems, temperature } = metrics.snapshot();
        return { sample: latest, filesystems, temperature };
      },
    )
    .read(
      "/metrics/series",
      {
        summary: "The series whose history is kept",
        ok: {
          description: "Series and units",
          schema: z.array(z.object({ name: z.string(), unit: z.string() })),
        },
      },
      async () => Object.entries(SERIES).map(([name, s]) => ({ name, unit: s.unit })),
    )
    .read(
      "/metrics/history",
      {
        summary: "History of series over a time range",
        description:
          "Ranges within the last monitor.historyMinutes come at full rate from memory; up to two days from minute rollups; longer from hourly rollups. Points are [time ms, avg, min, max]; with `step`, merged into buckets that wide.",
        query: historyQuerySchema,
        ok: { description: "The history", schema: historyAnswerSchema },
      },
      (svc, actor, { query }) => metricsHistory(svc, actor, query),
    );
}
