import { and, asc, desc, eq, gte, inArray, lte } from "drizzle-orm";
import { z } from "zod";
import { HISTORY_RANGES, type HistoryRange } from "../../../views/pages/dashboard/history-panel.tsx";
import type { ConfigSource } from "../../config/live.ts";
import type { Db } from "../../db/client.ts";
import type { AppDeps } from "../../deps.ts";
import type { Actor } from "../../kit/actor.ts";
import { assertCan } from "../../kit/rbac.ts";
import { NotFound, Validation } from "../../lib/errors.ts";
import { type HistoryPoint, SERIES, type SeriesName } from "../../monitor/history.ts";
import { type HistoryAnswer, MINUTE_RESOLUTION_MAX_MS, metricsHistory } from "../../monitor/history-query.ts";
import { localMachineKey } from "../../monitor/host-identity.ts";
import { managedAssetId } from "../assets/registration.ts";
import { figuresOf, sampleRow } from "./sample-writer.ts";
import { type HostRow, hostMetricsHour, hostMetricsMinute, hostSamples, hosts } from "./schema.ts";

/** A host's state on the Hosts page: `revoked` agents stay listed until removed. */
export const HOST_STATUSES = ["up", "stale", "down", "revoked"] as const;

/** Id of the host Warden itself runs on (always the first host). */
export const LOCAL_HOST_ID = "local";

/** A host as listed. */
export const hostSchema = z.object({
  id: z.string(),
  kind: z.enum(["local", "agent"]),
  hostname: z.string(),
  status: z.enum(HOST_STATUSES),
  lastSeenAt: z.number().int().nullable(),
  os: z.string(),
  arch: z.string(),
  cores: z.number().int(),
  memoryTotal: z.number(),
  cpu: z.number().nullable(),
  memory: z.number().nullable(),
  disk: z.number().nullable(),
  agentVersion: z.string().nullable(),
  address: z.string().nullable(),
  clockSkewMs: z.number().int(),
  assetId: z.string().nullable(),
});

/** A listed host. */
export type HostView = z.infer<typeof hostSchema>;

/** What reading hosts needs: the database, the configuration, the local host's name and state (the metrics hub). */
export type HostReadDeps = Pick<AppDeps, "database" | "config" | "hostName" | "metrics">;

/** The row of agent host `id`. @throws NotFound when no host has that id. */
export async function assertHostExists(db: Db, id: string): Promise<HostRow> {
  const [row] = await db.select().from(hosts).where(eq(hosts.id, id));
  if (!row) throw new NotFound("No host has this id.");
  return row;
}

/** The status of an agent host from its connection and how long ago it was last heard. */
export function hostStatus(
  row: Pick<HostRow, "revokedAt" | "connected" | "lastSeenAt">,
  config: ConfigSource,
  now: number,
) {
  if (row.revokedAt !== null) return "revoked" as const;
  const { staleAfterSeconds, downAfterSeconds } = config.get().hosts;
  const silent = row.lastSeenAt === null ? Number.POSITIVE_INFINITY : now - row.lastSeenAt;
  if (row.connected && silent < staleAfterSeconds * 1000) return "up" as const;
  return silent < downAfterSeconds * 1000 ? ("stale" as const) : ("down" as const);
}

/** The host Warden runs on, as listed; its asset is the one it registered under its machine key. */
export async function localHost(deps: HostReadDeps, now: number): Promise<HostView> {
  const { host, latest, filesystems } = deps.metrics.snapshot();
  // No facts yet: the sampler has not read them, so the host has not registered either.
  const assetId = host ? await managedAssetId(deps.database.db, localMachineKey(host.hostname)) : null;
  return {
    id: LOCAL_HOST_ID,
    kind: "local",
    hostname: host?.hostname || deps.hostName,
    status: latest && now - latest.at < deps.config.get().hosts.staleAfterSeconds * 1000 ? "up" : "stale",
    lastSeenAt: latest?.at ?? null,
    os: host ? `${host.distribution} ${host.release}`.trim() || host.os : "",
    arch: host?.arch ?? "",
    cores: host?.cores ?? 0,
    memoryTotal: host?.memoryTotal ?? 0,
    cpu: latest?.cpu.busy ?? null,
    memory: latest && latest.memory.total > 0 ? (latest.memory.used / latest.memory.total) * 100 : null,
    disk: filesystems.length > 0 ? Math.max(...filesystems.map((f) => f.usePercent)) : null,
    agentVersion: null,
    address: null,
    clockSkewMs: 0,
    assetId,
  };
}

/** An agent's host row as listed, its status judged at `now`. */
export function agentHostView(row: HostRow, config: ConfigSource, now: number): HostView {
  return {
    id: row.id,
    kind: "agent",
    hostname: row.hostname,
    status: hostStatus(row, config, now),
    lastSeenAt: row.lastSeenAt,
    os: row.os,
    arch: row.arch,
    cores: row.cores,
    memoryTotal: row.memoryTotal,
    cpu: row.cpu,
    memory: row.memory,
    disk: row.disk,
    agentVersion: row.agentVersion,
    address: row.address,
    clockSkewMs: row.clockSkewMs,
    assetId: row.assetId,
  };
}

/** Every host: the local one first, then the agents by name. */
export async function listHosts(deps: HostReadDeps, actor: Actor): Promise<HostView[]> {
  assertCan(actor, "read", "hosts");
  const now = Date.now();
  const rows = await deps.database.db.select().from(hosts).orderBy(asc(hosts.hostname), asc(hosts.id));
  return [await localHost(deps, now), ...rows.map((row) => agentHostView(row, deps.config, now))];
}

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
    return { ...(await localHost(deps, now)), latest };
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
