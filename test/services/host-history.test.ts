/** Agents' history: the hourly rollup from minute rows (weighted by counts) and pruning by retention. */
import { describe, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { coreDeps } from "../../src/kit/core-deps.ts";
import { pruneHostHistory, rollUpHostHour, SampleWriter } from "../../src/modules/hosts/sample-writer.ts";
import { hostMetricsHour, hostMetricsMinute, hostSamples } from "../../src/modules/hosts/schema.ts";
import { useTestApp } from "../helpers/app.ts";

const t = useTestApp({
  hosts: { sampleRetentionHours: 2 },
  monitor: { retention: { minuteDays: 1, hourDays: 3 } },
});

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const minute = (hostId: string, bucket: number, avg: number, count: number) => ({
  hostId,
  series: "cpu",
  bucket,
  avg,
  min: avg - 1,
  max: avg + 1,
  count,
});

describe("agents' history", () => {
  test("an hour rolls up per host, its average weighted by the minutes' sample counts", async () => {
    const hour = Math.floor(Date.now() / HOUR) * HOUR - HOUR;
    await t.database.db.transaction(async (tx) => {
      await tx
        .insert(hostMetricsMinute)
        .values([minute("a", hour, 10, 60), minute("a", hour + 60_000, 40, 30), minute("b", hour, 5, 60)]);
    });
    await rollUpHostHour(t.database.db, hour);
    const rows = await t.database.db.select().from(hostMetricsHour).where(eq(hostMetricsHour.bucket, hour));
    expect(rows.find((r) => r.hostId === "a")).toMatchObject({ avg: 20, min: 9, max: 41, count: 90 });
    expect(rows.find((r) => r.hostId === "b")).toMatchObject({ avg: 5, count: 60 });
  });

  test("samples, minutes and hours past their retention are pruned, newer ones kept", async () => {
    const now = Date.now();
    const row = (at: number) => ({
      hostId: "a",
      agentAt: at,
      at,
      cpu: 1,
      memory: 1,
      swap: 0,
      load1: 0,
      netRx: 0,
      netTx: 0,
      diskRead: 0,
      diskWrite: 0,
      processes: 1,
    });
    await t.database.db.transaction(async (tx) => {
      await tx.insert(hostSamples).values([row(now - 3 * HOUR), row(now - HOUR)]);
      await tx
        .insert(hostMetricsMinute)
        .values([minute("c", now - 2 * DAY, 1, 1), minute("c", now - HOUR, 1, 1)]);
      await tx
        .insert(hostMetricsHour)
        .values([minute("c", now - 4 * DAY, 1, 1), minute("c", now - 2 * DAY, 1, 1)]);
    });
    await pruneHostHistory(t.database.db, t.config, now);
    expect((await t.database.db.select().from(hostSamples)).map((r) => r.at)).toEqual([now - HOUR]);
    const kept = await t.database.db
      .select()
      .from(hostMetricsMinute)
      .where(eq(hostMetricsMinute.hostId, "c"));
    expect(kept.map((r) => r.bucket)).toEqual([now - HOUR]);
    const hours = await t.database.db.select().from(hostMetricsHour).where(eq(hostMetricsHour.hostId, "c"));
    expect(hours.map((r) => r.bucket)).toEqual([now - 2 * DAY]);
  });

  test("samples the database refuses for one host hold back no other host's: each is stored on its own", async () => {
    const writer = new SampleWriter({ ...coreDeps(t), log: t.log, failures: t.failures });
    // Two network rates of 1e308 in one minute: their average overflows, and the minute row
    // (NOT NULL) is refused; the other host's sample of that minute is fine.
    const minuteAgo = Math.floor(Date.now() / 60_000) * 60_000 - 60_000;
    const sample = (hostId: string, at: number, netRx: number) => ({
      hostId,
      agentAt: at,
      at,
      cpu: 5,
      memory: 10,
      swap: 0,
      load1: 0.1,
      netRx,
      netTx: 0,
      diskRead: 0,
      diskWrite: 0,
      processes: 100,
    });
    const acked: string[] = [];
    writer.add(
      "bad",
      [sample("bad", minuteAgo + 1000, 1e308), sample("bad", minuteAgo + 2000, 1e308)],
      0,
      () => acked.push("bad"),
    );
    writer.add("good", [sample("good", minuteAgo + 1000, 2000)], 0, () => acked.push("good"));
    await writer.flush();
    expect(acked).toEqual(["good"]);
    const minutes = await t.database.db
      .select()
      .from(hostMetricsMinute)
      .where(eq(hostMetricsMinute.bucket, minuteAgo));
    expect(new Set(minutes.map((r) => r.hostId))).toEqual(new Set(["good"]));
    // The refused host's samples wait for the next tick (and are refused again), the good host's are done.
    await writer.flush();
    expect(acked).toEqual(["good"]);
    expect(
      t.logs.filter((l) => l.includes("could not store agent samples") && l.includes('"bad"')).length,
    ).toBeGreaterThan(0);
  });
});
