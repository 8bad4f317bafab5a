/**
 * Network scans in a real browser against a real `warden serve`: the admin starts a scan of
 * every loopback port from the form, lands on the scan page, and watches the progress bar
 * move (over the live stream, no reload) to 100 % while the open port of a listener opened
 * here appears in the results with its banner.
 */
import { afterAll, beforeAll, describe, expect } from "bun:test";
import type { TCPSocketListener } from "bun";
import { useServerAndBrowser } from "./helpers.ts";

const e2e = useServerAndBrowser();
let listener: TCPSocketListener;
beforeAll(() => {
  listener = Bun.listen({
    hostname: "127.0.0.1",
    port: 0,
    socket: { open: (socket) => void socket.write("SSH-2.0-WardenE2E\r\n"), data() {} },
  });
});
afterAll(() => listener.stop(true));

describe("scans", () => {
  e2e.test(
    "start a scan; the progress bar reaches 100 % live and the results appear",
    async ({ page }) => {
      await page.goto(`${e2e.server.url}/network/scans`);
      await page.getByLabel("Target").fill("127.0.0.1");
      await page.getByLabel("Ports").fill("all");
      // Slow enough that the page is shown long before the scan ends.
      await page.getByLabel("Concurrency").fill("40");
      await page.getByTestId("scan-submit").click();
      await page.getByTestId("scan-progress").waitFor();
      expect(page.url()).toMatch(/\/network\/scans\/[\w-]+$/);
      // A marker on the document: it survives live swaps, not a reload.
      await page.evaluate(() => {
        (window as unknown as { stayed: boolean }).stayed = true;
      });
      // Every value the bar shows, read in the page as it changes.
      await page.waitForFunction(
        () => {
          const state = window as unknown as { seen?: number[] };
          state.seen ??= [];
          const seen = state.seen;
          const bar = document.querySelector<HTMLProgressElement>("[data-testid=scan-bar]");
          if (bar && seen.at(-1) !== bar.value) seen.push(bar.value);
          return bar?.value === 100;
        },
        undefined,
        { timeout: 60_000, polling: 50 },
      );
      const seen = await page.evaluate(() => (window as unknown as { seen: number[] }).seen);
      expect(seen[0]).toBeLessThan(100);
      expect(seen.length).toBeGreaterThan(2);
      expect(seen).toEqual([...seen].sort((a, b) => a - b));
      await page.getByTestId(`port-${listener.port}`).waitFor();
      expect(await page.getByTestId(`port-${listener.port}`).textContent()).toContain("SSH-2.0-WardenE2E");
      expect(await page.getByTestId("scan-percent").textContent()).toBe("100.0 %");
      expect(await page.getByTestId("scan-status").textContent()).toBe("Completed");
      expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
    },
    { timeout: 90_000 },
  );

  e2e.test(
    "a list with no scan yet takes in the one someone else starts",
    async ({ page, context }) => {
      // Filtered to a target nobody has scanned: the list starts empty.
      await page.goto(`${e2e.server.url}/network/scans?q=127.0.0.2`);
      await page.getByTestId("scans-empty").waitFor();
      await page.locator("[data-bell][data-counted=true]").waitFor();
      const other = await context.newPage();
      await other.goto(`${e2e.server.url}/network/scans`);
      await other.getByLabel("Target").fill("127.0.0.2");
      await other.getByLabel("Ports").fill("1-20");
      await other.getByTestId("scan-submit").click();
      await other.getByTestId("scan-progress").waitFor();
      await page
        .getByTestId("scans-table")
        .getByRole("link", { name: "127.0.0.2" })
        .waitFor({ timeout: 5000 });
      expect(await page.getByTestId("scans-empty").count()).toBe(0);
    },
    { timeout: 30_000 },
  );
});
