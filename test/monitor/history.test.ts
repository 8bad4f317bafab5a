import { afterEach, describe, expect, test } from "bun:test";
import { openDatabase } from "../../src/db/client.ts";
import { createLogger } from "../../src/lib/log.ts";
import { HistoryRecorder, readHistory } from "../../src/monitor/history.ts";
import type { Sample } from "../../src/monitor/sample.ts";
import { createTestApp, type TestApp } from "../helpers/app.ts";

let t: TestApp;
afterEach(() => t.close());

const HOUR = 3_600_000;
const base = Date.UTC(2026, 10, 20, 10, 58, 0);

function sample(at: number, cpu: number, rx = 1000): Sample {
  const usage = { user: cpu, system: 0, iowait: 0, idle: 100 - cpu, busy: cpu };
  return {
    at,
    cpu: usage,
    cores: [usage],
    load: [1, 1, 1],
    memory: { total: 1000, used: 250, available: 750, cached: 0, buffers: 0 },
    swap: { total: 0, used: 0 },
    network: { rx, tx: 0, interfaces: [] },
    disk: { read: 0, write: 0 },
    processes: 100,
  };
}

function recorder() {
  return new HistoryRecorder(
    t.database.db,
    t.config,
    createLogger(() => ({ level: "error", format: "json" })),
  );
}

describe("history recorder", () => {
  test("folds samples into minute rows (avg, min, max, count) written when the minute completes", async () => {
    t = await createTestApp();
    const r = recorder();
    for (const [i, cpu] of [10, 20, 30].entries()) r.add(sample(base + i * 1000, cpu));
    await r.flushed();
    expect((await readHistory(t.database.db, "minute", ["cpu"], base - HOUR, base + HOUR)).cpu).toEqual([]);
    r.add(sample(base + 60_000, 50));
    await r.flushed();
    const rows = await readHistory(t.database.db, "minute", ["cpu", "memory"], base - HOUR, base + HOUR);
    expect(rows.cpu).toEqual([[base, 20, 10, 30]]);
    expect(rows.memory).toEqual([[base, 25, 25, 25]]);
  });

  test("an hour completes into an hourly row weighted by sample counts", async () => {
    t = await createTestApp();
    const r = recorder();
    r.add(sample(base, 10));
    r.add(sample(base + 60_000, 40));
    r.add(sample(base + 61_000, 40));
    r.add(sample(base + 62_000, 40));
    r.add(sample(base + 120_000, 0)); // 11:00, a new hour: 10:58 and 10:59 are complete
    await r.flushed();
    const hour = Math.floor(base / HOUR) * HOUR;
    const rows = await readHistory(t.database.db, "hour", ["cpu"], hour, hour);
    expect(rows.cpu).toEqual([[hour, (10 + 3 * 40) / 4, 10, 40]]);
  });

  test("pruning keeps only what the retention allows", async () => {
    t = await createTestApp({ monitor: { retention: { minuteDays: 1, hourDays: 2 } } });
    const r = recorder();
    r.add(sample(base, 10));
    r.add(sample(base + 60_000, 10));
    r.add(sample(base + 2 * HOUR, 10));
    await r.flushed();
    await r.prune(base + 1.5 * 86_400_000);
    expect((await readHistory(t.database.db, "minute", ["cpu"], 0, base + 3 * HOUR)).cpu).toEqual([]);
    expect((await readHistory(t.database.db, "hour", ["cpu"], 0, base + 3 * HOUR)).cpu).toHaveLength(1);
  });
});

describe("GET /api/v1/metrics/history", () => {
  test("stored history survives a restart (the database reopened) and is served at minute resolution", async () => {
    t = await createTestApp();
    const r = recorder();
    const recent = Math.floor(Date.now() / 60_000) * 60_000 - 10 * 60_000;
    r.add(sample(recent, 12));
    r.add(sample(recent + 60_000, 12));
    await r.flushed();
    const url = `file:${t.config.get().dataDir}/warden.db`;
    const reopened = await openDatabase({ url });
    expect((await readHistory(reopened.db, "minute", ["cpu"], recent - 1, recent + 1)).cpu).toEqual([
      [recent, 12, 12, 12],
    ]);
    reopened.close();
    const res = await t.as("viewer", `/api/v1/metrics/history?series=cpu,net_rx&from=${recent - 60_000}`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.resolution).toBe("minute");
    expect(body.series.cpu).toEqual([[recent, 12, 12, 12]]);
    expect(body.series.net_rx).toEqual([[recent, 1000, 1000, 1000]]);
  });

  test("unknown series and bad ranges: 422 naming the field", async () => {
    t = await createTestApp();
    const now = Date.now();
    const cases: [string, string][] = [
      [`series=cpu,bogus&from=${now - 1000}`, "series"],
      [`series=cpu&from=${now}&to=${now - 1000}`, "from"],
      [`series=cpu&from=1`, "from"],
      [`series=cpu&from=yesterday`, "from"],
    ];
    for (const [query, field] of cases) {
      const res = await t.as("viewer", `/api/v1/metrics/history?${query}`);
      expect(res.status).toBe(422);
      expect((await res.json()).errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    const series = await (await t.as("viewer", "/api/v1/metrics/series")).json();
    expect(series.map((s: { name: string }) => s.name)).toContain("cpu");
  });
});
