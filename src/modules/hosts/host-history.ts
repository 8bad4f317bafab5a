import { and, gte, lt, sql } from "drizzle-orm";
import type { ConfigSource } from "../../config/live.ts";
import type { Db } from "../../db/client.ts";
import { REPLACE_ROLLUP } from "../../monitor/history.ts";
import { hostMetricsHour, hostMetricsMinute, hostSamples } from "./schema.ts";

const HOUR = 3_600_000;

const DAY = 86_400_000;

/**
 * Computes (or recomputes) every agent host's hourly rows of the hour starting at `hour`
 * from their minute rows (averages weighted by sample counts), as the local history does.
 */
export async function rollUpHostHour(db: Db, hour: number): Promise<void> {
  const query = db
    .select({
      hostId: hostMetricsMinute.hostId,
      series: hostMetricsMinute.series,
      bucket: sql<number>`${hour}`.as("bucket"),
      avg: sql<number>`sum(${hostMetricsMinute.avg} * ${hostMetricsMinute.count}) / sum(${hostMetricsMinute.count})`.as(
        "avg",
      ),
      min: sql<number>`min(${hostMetricsMinute.min})`.as("min"),
      max: sql<number>`max(${hostMetricsMinute.max})`.as("max"),
      count: sql<number>`sum(${hostMetricsMinute.count})`.as("count"),
    })
    .from(hostMetricsMinute)
    .where(and(gte(hostMetricsMinute.bucket, hour), lt(hostMetricsMinute.bucket, hour + HOUR)))
    .groupBy(hostMetricsMinute.hostId, hostMetricsMinute.series);
  await db
    .insert(hostMetricsHour)
    .select(query)
    .onConflictDoUpdate({
      target: [hostMetricsHour.hostId, hostMetricsHour.series, hostMetricsHour.bucket],
      set: REPLACE_ROLLUP,
    });
}

/**
 * Deletes agents' history past its retention: raw samples after `hosts.sampleRetentionHours`,
 * minute and hour rows after `monitor.retention.*` (the local history's).
 */
export async function pruneHostHistory(db: Db, config: ConfigSource, now: number): Promise<void> {
  const { hosts, monitor } = config.get();
  await db.transaction(async (tx) => {
    await tx.delete(hostSamples).where(lt(hostSamples.at, now - hosts.sampleRetentionHours * HOUR));
    await tx
      .delete(hostMetricsMinute)
      .where(lt(hostMetricsMinute.bucket, now - monitor.retention.minuteDays * DAY));
    await tx
      .delete(hostMetricsHour)
      .where(lt(hostMetricsHour.bucket, now - monitor.retention.hourDays * DAY));
  });
}
