import { afterEach, describe, expect, test } from "bun:test";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { alertsServiceSink } from "../../src/modules/soc/alert-sink.ts";
import { AlertWriteQueue } from "../../src/monitor/alert-queue.ts";
import type { RaiseInput } from "../../src/monitor/alert-sink.ts";
import { createTestApp, type TestApp } from "../helpers/app.ts";

const LOCK_HOLDER = join(import.meta.dir, "../helpers/lock-holder.ts");

/** Another process holding the write lock of `dbFile` until `release()`. */
async function holdWriteLock(dbFile: string) {
  const proc = Bun.spawn(["bun", LOCK_HOLDER, dbFile], { stdin: "pipe", stdout: "pipe", stderr: "inherit" });
  const reader = proc.stdout.getReader();
  const first = await reader.read();
  expect(new TextDecoder().decode(first.value)).toContain("locked");
  return {
    async release() {
      proc.stdin.write("release\n");
      await proc.stdin.flush();
      await proc.exited;
    },
  };
}

const raise = (n: number): RaiseInput => ({
  title: `Alert ${n}`,
  severity: "high",
  source: "rule",
  dedupKey: `rule:test:${n}`,
  host: "test-host",
  context: { n },
});

async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error("condition not met in time");
    await Bun.sleep(20);
  }
}

let app: TestApp | null = null;
let dir: string | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
});

const storedAlerts = async (t: TestApp) =>
  (await t.database.client.execute("SELECT dedup_key, status FROM alerts ORDER BY dedup_key")).rows.map(
    (r) => ({
      key: String(r.dedup_key),
      status: String(r.status),
    }),
  );

describe("alert write queue", () => {
  test("alerts raised while another process holds the write lock are retried and all stored", async () => {
    app = await createTestApp({ database: { busyTimeoutMs: 50 } });
    const queue = new AlertWriteQueue(
      alertsServiceSink({ db: app.database.db }),
      join(app.dir, "spool.jsonl"),
      app.log,
      {
        initialBackoffMs: 20,
        maxBackoffMs: 100,
      },
    );
    const lock = await holdWriteLock(join(app.config.get().dataDir, "warden.db"));
    for (let n = 0; n < 5; n++) await queue.raise(raise(n));
    await waitFor(() => queue.stats().failures >= 2);
    expect(await storedAlerts(app)).toEqual([]);
    await lock.release();
    await waitFor(async () => (await storedAlerts(app as TestApp)).length === 5);
    expect(queue.stats()).toMatchObject({ pending: 0, spooled: 0 });
    expect(
      app.logs.some(
        (line) => line.includes("alert write failed, will retry") && line.includes("SQLITE_BUSY"),
      ),
    ).toBe(true);
    expect(app.logs.some((line) => line.includes("alert writes resume"))).toBe(true);
  });

  test("writes failing for longer than the spool delay go to the spool file, then are stored in order", async () => {
    app = await createTestApp({ database: { busyTimeoutMs: 50 } });
    const spool = join(app.dir, "spool", "alerts.jsonl");
    const queue = new AlertWriteQueue(alertsServiceSink({ db: app.database.db }), spool, app.log, {
      initialBackoffMs: 20,
      maxBackoffMs: 50,
      spoolAfterMs: 200,
    });
    const lock = await holdWriteLock(join(app.config.get().dataDir, "warden.db"));
    await queue.raise(raise(1));
    await queue.raise(raise(2));
    await waitFor(() => queue.stats().spooled === 2);
    // Written after the spool exists: behind the spooled ones, on disk too.
    await queue.close("rule:test:1", "recovered");
    expect(readFileSync(spool, "utf8").trim().split("\n")).toHaveLength(3);
    await lock.release();
    await waitFor(() => queue.stats().spooled === 0);
    expect(existsSync(spool)).toBe(false);
    expect(await storedAlerts(app)).toEqual([
      { key: "rule:test:1", status: "closed" },
      { key: "rule:test:2", status: "new" },
    ]);
  });

  test("what is still waiting at stop is spooled, and stored by the next start", async () => {
    dir = mkdtempSync(join(tmpdir(), "warden-queue-"));
    app = await createTestApp({ database: { busyTimeoutMs: 50 } }, { dir });
    const lock = await holdWriteLock(join(app.config.get().dataDir, "warden.db"));
    await app.alertQueue.raise(raise(7));
    await waitFor(() => app?.alertQueue.stats().failures === 1);
    expect(await app.alertQueue.stop(100)).toBe(false);
    expect(app.alertQueue.stats()).toMatchObject({ pending: 0, spooled: 1 });
    await lock.release();
    await app.close();
    // A restart on the same data directory: the spool is stored without anyone asking.
    app = await createTestApp({}, { dir });
    await waitFor(async () => (await storedAlerts(app as TestApp)).length === 1);
    expect(existsSync(join(app.config.get().dataDir, "spool", "alerts.jsonl"))).toBe(false);
  });

  test("a write the alerts service refuses as invalid is dropped with a log line; the rest go on", async () => {
    app = await createTestApp();
    const queue = new AlertWriteQueue(
      alertsServiceSink({ db: app.database.db }),
      join(app.dir, "spool.jsonl"),
      app.log,
    );
    await queue.raise({ ...raise(1), severity: "apocalyptic" as never });
    await queue.raise(raise(2));
    await waitFor(async () => (await storedAlerts(app as TestApp)).length === 1);
    expect(queue.stats()).toMatchObject({ dropped: 1, pending: 0 });
    expect(app.logs.some((line) => line.includes("alert write refused, dropped"))).toBe(true);
  });

  test("failures are counted on /metrics", async () => {
    app = await createTestApp({ monitor: { prometheus: true }, database: { busyTimeoutMs: 50 } });
    const lock = await holdWriteLock(join(app.config.get().dataDir, "warden.db"));
    await app.alertQueue.raise(raise(3));
    await waitFor(() => (app?.alertQueue.stats().failures ?? 0) >= 1);
    await lock.release();
    const text = await (await app.as("admin", "/metrics")).text();
    expect(text).toContain("# TYPE warden_alert_write_failures_total counter");
    expect(Number(text.match(/^warden_alert_write_failures_total (\d+)$/m)?.[1])).toBeGreaterThanOrEqual(1);
    // The writer's figures: the seeding and the stored alert went through it.
    expect(Number(text.match(/^warden_db_writes_total (\d+)$/m)?.[1])).toBeGreaterThan(0);
    expect(text).toMatch(/^warden_db_writes_queued 0$/m);
  });
});
