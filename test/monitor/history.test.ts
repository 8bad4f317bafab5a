import { afterEach, describe, expect, test } from "bun:test";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase } from "../../src/db/client.ts";
import { createLogger } from "../../src/lib/log.ts";
import { HistoryRecorder, readHistory } from "../../src/monitor/history.ts";
import { downsample } from "../../src/monitor/history-query.ts";
import type { Sample } from "../../src/monitor/sample.ts";
import { createTestApp, jsonInit, type TestApp } from "../helpers/app.ts";
import { runWarden, startWarden } from "../helpers/process.ts";

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

  test("a minute split by a restart is written at shutdown and merged with the next run's part", async () => {
    t = await createTestApp();
    const first = recorder();
    first.add(sample(base, 10));
    first.add(sample(base + 1000, 10));
    await first.stop();
    const second = recorder();
    second.add(sample(base + 30_000, 40));
    await second.stop();
    expect((await readHistory(t.database.db, "minute", ["cpu"], base, base)).cpu).toEqual([
      [base, 20, 10, 40],
    ]);
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

  test("step merges points into wider buckets, never finer than the source", async () => {
    t = await createTestApp();
    const r = recorder();
    const start = Math.floor(Date.now() / 300_000) * 300_000 - 600_000;
    for (const [i, cpu] of [10, 20, 60].entries()) r.add(sample(start + i * 60_000, cpu));
    r.add(sample(start + 300_000, 5));
    await r.flushed();
    const res = await t.as(
      "viewer",
      `/api/v1/metrics/history?series=cpu&from=${start}&to=${start + 120_000}&step=300000`,
    );
    const body = await res.json();
    expect(body).toMatchObject({ resolution: "minute", step: 300_000 });
    expect(body.series.cpu).toEqual([[start, 30, 10, 60]]);
    const fine = await (
      await t.as("viewer", `/api/v1/metrics/history?series=cpu&from=${start}&to=${start + 120_000}&step=1000`)
    ).json();
    expect(fine.step).toBeNull();
    expect(fine.series.cpu).toHaveLength(3);
    expect((await t.as("viewer", `/api/v1/metrics/history?series=cpu&from=${start}&step=10`)).status).toBe(
      422,
    );
    expect(
      downsample(
        [
          [0, 1, 1, 1],
          [500, 3, 0, 9],
          [1000, 5, 5, 5],
        ],
        1000,
      ),
    ).toEqual([
      [0, 2, 0, 9],
      [1000, 5, 5, 5],
    ]);
  });

  test("a real restart of warden serve keeps the history it recorded", async () => {
    t = await createTestApp();
    const cwd = mkdtempSync(join(tmpdir(), "warden-history-"));
    const env = { WARDEN_MONITOR_INTERVALMS: "250" };
    const created = runWarden(
      [
        "user",
        "create",
        "--email",
        "h@example.test",
        "--username",
        "historian",
        "--role",
        "viewer",
        "--password-stdin",
      ],
      { cwd, env, stdin: "history-password-123\n" },
    );
    expect(created.code).toBe(0);
    const first = await startWarden({ cwd, env });
    await Bun.sleep(1500);
    expect(await first.stop()).toBe(0);
    const stoppedAt = Date.now();
    const second = await startWarden({ cwd, env });
    try {
      const login = await fetch(
        `${second.url}/api/v1/auth/login`,
        jsonInit({ login: "historian", password: "history-password-123" }),
      );
      const { accessToken } = await login.json();
      const res = await fetch(
        `${second.url}/api/v1/metrics/history?series=processes&from=${stoppedAt - 300_000}`,
        {
          headers: { Authorization: `Bearer ${accessToken}` },
        },
      );
      const body = await res.json();
      // Older than the new run's memory: served from the minute rows the first run wrote at shutdown.
      expect(body.resolution).toBe("minute");
      const last = (body.series.processes as number[][]).at(-1) ?? [];
      expect(last[0]).toBeGreaterThan(stoppedAt - 120_000);
      expect(last[0]).toBeLessThanOrEqual(stoppedAt);
      expect(last[1]).toBeGreaterThan(0);
    } finally {
      await second.stop();
    }
  }, 30_000);

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
