/**
 * Daily snapshots of the risk register and the trend drawn from them: a day taken again is
 * replaced, the trend counts risks per level per day (closed ones and missing ratings left
 * out), and the schedule takes a missing snapshot at start, retrying a failure.
 */
import { describe, expect, test } from "bun:test";
import { BackgroundFailures } from "../../src/lib/background-failures.ts";
import { riskSnapshots } from "../../src/modules/risks/snapshot-schema.ts";
import {
  hasSnapshot,
  SNAPSHOT_JOB,
  type SnapshotRow,
  type SnapshotScheduleOptions,
  snapshotDay,
  startSnapshots,
  takeSnapshot,
} from "../../src/modules/risks/snapshots.ts";
import { riskTrend, trendRange } from "../../src/modules/risks/trend.ts";
import { useTestApp } from "../helpers/app.ts";

const t = useTestApp();

const row = (
  riskId: string,
  current: [number, number] | null,
  residual: [number, number] | null,
  status = "open",
) =>
  ({
    riskId,
    status,
    currentLikelihood: current?.[0] ?? null,
    currentImpact: current?.[1] ?? null,
    residualLikelihood: residual?.[0] ?? null,
    residualImpact: residual?.[1] ?? null,
  }) satisfies SnapshotRow;

const stored = (day: string) =>
  t.database.db
    .select()
    .from(riskSnapshots)
    .then((rows) =>
      rows
        .filter((r) => r.day === day)
        .map((r) => r.riskId)
        .sort(),
    );

/** Three levels over a 5×5 grid: likelihood × impact up to 4 low, up to 12 medium, above high. */
const levelOf = (l: number, i: number) => (l * i <= 4 ? 1 : l * i <= 12 ? 2 : 3);

describe("snapshots", () => {
  test("taking a day again replaces that day's rows and no other day's", async () => {
    expect(
      await takeSnapshot(t.database.db, "2026-01-01", [row("a", [1, 1], null), row("b", [5, 5], null)]),
    ).toBe(2);
    await takeSnapshot(t.database.db, "2026-01-02", [
      row("a", [1, 1], null),
      row("b", [5, 5], null),
      row("c", null, null),
    ]);
    await takeSnapshot(t.database.db, "2026-01-02", [row("b", [4, 4], [2, 2])]);
    expect(await stored("2026-01-01")).toEqual(["a", "b"]);
    expect(await stored("2026-01-02")).toEqual(["b"]);
    expect(await hasSnapshot(t.database.db, "2026-01-02")).toBe(true);
    expect(await hasSnapshot(t.database.db, "2026-01-03")).toBe(false);
    // An empty register empties the day.
    await takeSnapshot(t.database.db, "2026-01-02", []);
    expect(await stored("2026-01-02")).toEqual([]);
  });

  test("the trend counts risks per level and day, current and residual, without closed risks", async () => {
    const db = t.database.db;
    await takeSnapshot(db, "2026-02-01", [
      row("a", [1, 2], [1, 1]),
      row("b", [3, 3], [2, 2]),
      row("c", [5, 5], null),
      row("d", [5, 5], [5, 5], "closed"),
    ]);
    await takeSnapshot(db, "2026-02-02", [
      row("a", [1, 2], [1, 1]),
      row("b", [2, 2], [1, 2]),
      row("c", [5, 5], [3, 3]),
      row("e", [4, 5], [4, 4]),
    ]);
    await takeSnapshot(db, "2026-02-04", [row("d", [5, 5], [5, 5], "closed")]);
    await takeSnapshot(db, "2026-03-01", [row("a", [5, 5], [5, 5])]);
    expect(await riskTrend(db, { from: "2026-02-01", to: "2026-02-28" }, levelOf, 3)).toEqual([
      { day: "2026-02-01", current: [1, 1, 1], residual: [2, 0, 0] },
      { day: "2026-02-02", current: [2, 0, 2], residual: [2, 1, 1] },
      // Only a closed risk that day: the day is there, with nothing counted.
      { day: "2026-02-04", current: [0, 0, 0], residual: [0, 0, 0] },
    ]);
    expect(await riskTrend(db, { from: "2026-02-02", to: "2026-02-02" }, () => 7, 3)).toEqual([
      { day: "2026-02-02", current: [0, 0, 0], residual: [0, 0, 0] },
    ]);
  });

  test("periods: the last 90 days, this quarter, this year", () => {
    expect(trendRange("90d", "2026-03-31")).toEqual({ from: "2026-01-01", to: "2026-03-31" });
    expect(trendRange("quarter", "2026-08-15")).toEqual({ from: "2026-07-01", to: "2026-08-15" });
    expect(trendRange("year", "2026-08-15")).toEqual({ from: "2026-01-01", to: "2026-08-15" });
  });

  test("the day of an instant is the server zone's", () => {
    const at = Date.UTC(2026, 5, 30, 23, 30);
    expect(snapshotDay(at, "UTC")).toBe("2026-06-30");
    expect(snapshotDay(at, "Europe/Berlin")).toBe("2026-07-01");
    expect(snapshotDay(at, "America/New_York")).toBe("2026-06-30");
  });
});

/** A schedule on this test's database, at noon UTC of 2026-04-`day`. */
const scheduleOn = (
  day: number,
  source: () => Promise<SnapshotRow[]>,
  more: Partial<SnapshotScheduleOptions> = {},
) =>
  startSnapshots({
    db: t.database.db,
    log: t.log,
    source,
    now: () => Date.UTC(2026, 3, day, 12),
    timeZone: "UTC",
    ...more,
  });

describe("the snapshot schedule", () => {
  test("takes today's snapshot at start when it is missing, and not again when it is there", async () => {
    let reads = 0;
    const source = async () => {
      reads++;
      return [row("x", [2, 2], [1, 1]), row("y", [3, 3], null)];
    };
    const first = scheduleOn(10, source);
    await first.started;
    await first.stop();
    expect(await stored("2026-04-10")).toEqual(["x", "y"]);
    expect(reads).toBe(1);
    const second = scheduleOn(10, source);
    await second.started;
    await second.stop();
    expect(reads).toBe(1);
  });

  test("a failed snapshot is logged, counted and tried again", async () => {
    const failures = new BackgroundFailures();
    let reads = 0;
    const source = async () => {
      if (++reads === 1) throw new Error("risks unreadable");
      return [row("z", [1, 1], null)];
    };
    const schedule = scheduleOn(11, source, { failures, retryMs: 20 });
    await schedule.started;
    expect(failures.of(SNAPSHOT_JOB)).toBe(1);
    expect(t.logs.some((l) => l.includes("risk snapshot failed"))).toBe(true);
    for (let i = 0; i < 50 && (await stored("2026-04-11")).length === 0; i++) await Bun.sleep(10);
    await schedule.stop();
    expect(await stored("2026-04-11")).toEqual(["z"]);
    expect(reads).toBe(2);
  });

  test("the daily run takes the day again, replacing what the start took", async () => {
    let reads = 0;
    const source = async () => [row(++reads === 1 ? "morning" : "evening", [1, 1], null)];
    // Every second instead of once a day, so the test sees a run.
    const schedule = scheduleOn(12, source, { cron: "* * * * * *" });
    await schedule.started;
    expect(await stored("2026-04-12")).toEqual(["morning"]);
    for (let i = 0; i < 300 && reads < 2; i++) await Bun.sleep(10);
    await schedule.stop();
    expect(await stored("2026-04-12")).toEqual(["evening"]);
  });
});
