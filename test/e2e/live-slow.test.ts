/**
 * The live dashboard of a server sampling every 5 s (`monitor.intervalMs` 5000, from a config
 * file): between two ticks the header stays "Live" and the numbers are not dimmed; "Reconnecting"
 * is kept for a stream that missed several ticks. An open page follows the setting when it is
 * changed while the server runs (hot reload).
 */
import { afterAll, describe, expect } from "bun:test";
import { mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { useServerAndBrowser } from "./helpers.ts";

const configDir = mkdtempSync(join(tmpdir(), "warden-e2e-config-"));
const configFile = join(configDir, "warden.json");
/** Sets `monitor.intervalMs` in the server's config file (written whole, so a reload never reads half a file). */
function setInterval(intervalMs: number): void {
  writeFileSync(`${configFile}.new`, JSON.stringify({ monitor: { intervalMs } }));
  renameSync(`${configFile}.new`, configFile);
}
setInterval(5000);

const e2e = useServerAndBrowser({ env: { WARDEN_CONFIG: configFile } });
// After the server's own afterAll: a file removed under a running server would be a rejected reload.
afterAll(() => rmSync(configDir, { recursive: true, force: true }));

/** The connection states the page showed ("live", "reconnecting dimmed" …) over `ms`, polled every 250 ms. */
async function statesOver(page: Page, ms: number): Promise<string[]> {
  const states = new Set<string>();
  const started = Date.now();
  while (Date.now() - started < ms) {
    states.add(
      await page.evaluate(
        () =>
          `${document.querySelector(".conn")?.getAttribute("data-conn")}${document.querySelector("[data-live]")?.classList.contains("is-stale") ? " dimmed" : ""}`,
      ),
    );
    await page.waitForTimeout(250);
  }
  return [...states];
}

/** Resolves once the page has shown `count` more ticks. */
async function ticks(page: Page, count: number, timeout: number): Promise<void> {
  const shown = () =>
    page.evaluate(() => Number(document.querySelector("[data-live]")?.getAttribute("data-at")));
  let last = await shown();
  for (let seen = 0; seen < count; seen++) {
    await page.waitForFunction(
      (before) => Number(document.querySelector("[data-live]")?.getAttribute("data-at")) > before,
      last,
      { timeout },
    );
    last = await shown();
  }
}

describe("live dashboard at a slow interval", () => {
  e2e.test(
    "stays live between ticks five seconds apart",
    async ({ page }) => {
      await page.goto(`${e2e.server.url}/`);
      await page.waitForFunction(() => document.querySelector(".conn")?.getAttribute("data-conn") === "live");
      // Two and a half intervals: at least two ticks, each arriving 5 s after the one before.
      expect(await statesOver(page, 12_500)).toEqual(["live"]);
    },
    { timeout: 25_000 },
  );

  e2e.test(
    "follows an interval changed while the page is open",
    async ({ page }) => {
      setInterval(1000);
      await page.goto(`${e2e.server.url}/`);
      // The page opens on a one-second stream (ticks a second apart), then the setting goes back to 5 s.
      await ticks(page, 3, 7000);
      const opened = await page.evaluate(() =>
        Number(document.querySelector("[data-live]")?.getAttribute("data-at")),
      );
      expect(Date.now() - opened).toBeLessThan(2000);
      setInterval(5000);
      // Two ticks 5 s apart tell the page the new interval; from then on it stays live between ticks.
      await ticks(page, 3, 8000);
      expect(await statesOver(page, 12_500)).toEqual(["live"]);
    },
    { timeout: 60_000 },
  );
});
