/**
 * The processes page in a real browser against a real `warden serve`: a process this
 * test starts shows up, the search finds it, the table refreshes in place, and an admin
 * kills it through the confirmation dialog; it disappears from the table.
 */
import { afterAll, describe, expect } from "bun:test";
import { spawnSleep } from "../helpers/sleep-process.ts";
import { useServerAndBrowser } from "./helpers.ts";

const e2e = useServerAndBrowser();
const children: Bun.Subprocess[] = [];
afterAll(() => {
  for (const child of children) child.kill("SIGKILL");
});

describe("processes page", () => {
  e2e.test(
    "a started process is listed, found by the search, killed after confirmation, and gone",
    async ({ page }) => {
      const { proc, marker } = await spawnSleep();
      children.push(proc);
      await page.goto(`${e2e.server.url}/processes?sort=-startedAt`);
      const row = page.locator(`#process-${proc.pid}`);
      await row.waitFor({ timeout: 10_000 });
      expect(await row.textContent()).toContain(`sleep ${marker}`);

      // The search filters as one types, and the address bar keeps the filter.
      await page.locator("#field-q").fill(marker);
      await page.waitForFunction(
        () => document.querySelectorAll("#process-rows tr[id^=process-]").length === 1,
        undefined,
        { timeout: 5000 },
      );
      await page.waitForURL((url) => url.searchParams.get("q") !== null);
      expect(new URL(page.url()).searchParams.get("q")).toBe(marker);

      // Details, then Kill with its confirmation naming exactly what will happen.
      await row.getByRole("link", { name: "sleep" }).click();
      const panel = page.getByTestId("process-panel");
      await panel.waitFor();
      expect(await page.getByTestId("process-command").textContent()).toBe(`sleep ${marker}`);
      await panel.getByRole("link", { name: "Kill" }).click();
      const dialog = page.locator("dialog[open]");
      await dialog.waitFor();
      expect(await dialog.locator("h2").textContent()).toBe(`Send SIGKILL to sleep (pid ${proc.pid})?`);
      await dialog.getByRole("button", { name: "Send SIGKILL" }).click();

      await page.getByTestId("process-sent").waitFor();
      expect(await page.getByTestId("process-sent").textContent()).toContain(`SIGKILL to pid ${proc.pid}`);
      await proc.exited;
      expect(proc.signalCode).toBe("SIGKILL");
      await page.getByTestId("process-table-empty").waitFor({ timeout: 8000 });
      expect(await row.count()).toBe(0);
    },
    { timeout: 30_000 },
  );

  e2e.test(
    "the rows refresh in place while nobody points at them",
    async ({ page }) => {
      await page.goto(`${e2e.server.url}/processes`);
      await page.locator("#process-rows tr").first().waitFor();
      await page.mouse.move(0, 0);
      const first = await page.locator("#process-count").textContent();
      // Five at once: the count must move even if another process ends in the same tick.
      const procs = Array.from({ length: 5 }, () => Bun.spawn(["sleep", "301"]));
      children.push(...procs);
      for (const proc of procs) await page.locator(`#process-${proc.pid}`).waitFor({ timeout: 10_000 });
      expect(await page.locator("#process-count").textContent()).not.toBe(first);
      for (const proc of procs) proc.kill("SIGKILL");
    },
    { timeout: 30_000 },
  );
});
