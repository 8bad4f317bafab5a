/**
 * The live dashboard in a real browser against a real `warden serve` (whose sampler
 * worker reads this machine): the numbers change every second over the SSE stream, the
 * header says "Live", and a stalled server shows as "Reconnecting" with dimmed numbers,
 * never as frozen figures passing for live ones. The history chart spans the range picked and
 * shows an outage as a gap.
 */
import { Database } from "bun:sqlite";
import { describe, expect } from "bun:test";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { useServerAndBrowser } from "./helpers.ts";

const e2e = useServerAndBrowser();

/** The time of the sample the page shows (set by public/js/live.js on each tick). */
const shownAt = (page: Page) =>
  page.evaluate(() => Number(document.querySelector("[data-live]")?.getAttribute("data-at") ?? 0));

describe("live dashboard", () => {
  e2e.test(
    "ticks arrive every second and update the tiles in place",
    async ({ page }) => {
      await page.goto(`${e2e.server.url}/`);
      await page.waitForFunction(
        () => Number(document.querySelector("[data-live]")?.getAttribute("data-at")) > 0,
      );
      const seen = new Set<number>();
      const values = new Set<string>();
      const started = Date.now();
      while (seen.size < 4 && Date.now() - started < 8000) {
        seen.add(await shownAt(page));
        values.add((await page.locator('[data-metric="cpu"]').textContent()) ?? "");
        await page.waitForTimeout(250);
      }
      expect(seen.size).toBeGreaterThanOrEqual(4);
      const times = [...seen].sort();
      const gaps = times.slice(1).map((t, i) => t - (times[i] ?? t));
      for (const gap of gaps) expect(gap).toBeLessThan(1600);
      expect([...values].every((v) => /^\d+([.,]\d)? %$/.test(v))).toBe(true);
      await expect(page.locator(".conn").getAttribute("data-conn")).resolves.toBe("live");
      expect(await page.locator(".conn").textContent()).toContain("Live");
      expect(await page.locator('[data-metric="memory.sub"]').textContent()).toMatch(/iB of .*iB/);
      // Both charts are drawn (uPlot canvases), and their legends carry the live values.
      expect(await page.locator("[data-chart] canvas").count()).toBe(2);
      expect(await page.locator('[data-chart="cpu-memory"] .u-legend').textContent()).toContain("CPU");
      // The history panel settles: a chart, or (a fresh server) the sentence saying none is stored yet.
      await page.waitForSelector("[data-history] canvas, [data-history].is-empty");
      expect(await page.locator('.segmented a[aria-current="true"]').textContent()).toBe("24 hours");
    },
    { timeout: 20_000 },
  );

  e2e.test(
    "a stalled stream shows as reconnecting, then live again",
    async ({ page }) => {
      await page.goto(`${e2e.server.url}/`);
      await page.waitForFunction(() => document.querySelector(".conn")?.getAttribute("data-conn") === "live");
      e2e.server.signal("SIGSTOP");
      try {
        await page.waitForFunction(
          () => document.querySelector(".conn")?.getAttribute("data-conn") === "reconnecting",
          undefined,
          { timeout: 8000 },
        );
        expect(await page.locator(".host-metrics").getAttribute("class")).toContain("is-stale");
      } finally {
        e2e.server.signal("SIGCONT");
      }
      await page.waitForFunction(
        () => document.querySelector(".conn")?.getAttribute("data-conn") === "live",
        undefined,
        { timeout: 10_000 },
      );
    },
    // While the server is stopped Chromium may report the broken stream.
    { allowProblem: (line) => line.includes("/events"), timeout: 30_000 },
  );

  e2e.test(
    "the history chart spans the range picked and breaks its lines where minutes are missing",
    async ({ page }) => {
      // Stored minutes 50 to 41 and 20 to 2 ago, the CPU of each the minutes it lies back (an outage between).
      const minute = Math.floor(Date.now() / 60_000) * 60_000;
      const db = new Database(join(e2e.server.dataDir, "warden.db"));
      db.run("PRAGMA busy_timeout = 5000");
      const insert = db.prepare(
        "insert or replace into metrics_minute (series, bucket, avg, min, max, count) values (?, ?, ?, ?, ?, 60)",
      );
      const stored = Array.from({ length: 43 }, (_, i) => 50 - i).filter((ago) => ago > 40 || ago < 21);
      for (const ago of stored)
        for (const series of ["cpu", "memory"]) insert.run(series, minute - ago * 60_000, ago, ago, ago);
      db.close();

      const opened = Date.now();
      await page.goto(`${e2e.server.url}/?history=1h`);
      await page.waitForSelector("[data-history] canvas");
      await page.locator("[data-history]").scrollIntoViewIfNeeded();
      const over = await page.locator("[data-history] .u-over").boundingBox();
      if (!over) throw new Error("the history chart has no plot area");
      /** The CPU the legend shows with the pointer on the stored minute `ago` minutes back, on an axis of the hour before the page opened. */
      const cpuAt = async (ago: number) => {
        const share = (minute - ago * 60_000 - (opened - 3_600_000)) / 3_600_000;
        await page.mouse.move(over.x + over.width * share, over.y + over.height / 2);
        return page.locator("[data-history] .u-legend .u-series:nth-child(2) .u-value").textContent();
      };
      // The axis starts an hour back, not at the oldest stored minute: 57 minutes back, the nearest point is the oldest.
      expect(await cpuAt(57)).toBe("50.0 %");
      expect(await cpuAt(45)).toBe("45.0 %");
      // Inside the outage the line has no value (a null point breaks it), rather than a line drawn across.
      expect(await cpuAt(37)).toBe("—");
      expect(await cpuAt(15)).toBe("15.0 %");
    },
    { timeout: 20_000 },
  );
});
