/**
 * The alert rules page in a real browser against a real `warden serve`: a process-absent
 * rule made through the form (which shows only the chosen condition's fields) watches a
 * process this test runs; killing the process turns the rule's badge to Firing in place,
 * without a reload.
 */
import { afterAll, describe, expect } from "bun:test";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { useServerAndBrowser } from "./helpers.ts";

const e2e = useServerAndBrowser();
const dir = mkdtempSync(join(tmpdir(), "warden-e2e-rule-"));
const children: Bun.Subprocess[] = [];
afterAll(() => {
  for (const child of children) child.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

describe("alert rules page", () => {
  e2e.test(
    "a rule made in the form fires live when its process is killed",
    async ({ page }) => {
      // A copy of sleep under a name no other process has.
      const name = `we2e${Date.now() % 100_000_000}`;
      copyFileSync("/bin/sleep", join(dir, name));
      const proc = Bun.spawn([join(dir, name), "300"]);
      children.push(proc);

      await page.goto(`${e2e.server.url}/soc/rules/new`);
      await page.getByLabel("Name", { exact: true }).fill("E2E sleeper down");
      await expect(page.locator(".rule-cond-metric").isVisible()).resolves.toBe(true);
      await page.getByLabel("Condition").selectOption("process_absent");
      await expect(page.locator(".rule-cond-metric").isVisible()).resolves.toBe(false);
      await page.getByLabel("Process name").fill(name);
      await page.getByLabel("For (seconds)").fill("0");
      await page.getByTestId("rule-submit").click();
      await page.getByTestId("notice").waitFor();
      expect(await page.getByTestId("notice").textContent()).toContain("Rule created.");

      const row = page.locator("#rule-rows tr", { hasText: "E2E sleeper down" });
      // Measured: one process of that name runs, the rule is OK.
      await page.waitForFunction(
        () => {
          const tr = [...document.querySelectorAll("#rule-rows tr")].find((r) =>
            r.textContent?.includes("E2E sleeper down"),
          );
          return tr?.getAttribute("data-state") === "ok" && tr.querySelectorAll("td")[4]?.textContent === "1";
        },
        undefined,
        { timeout: 15_000 },
      );
      await page.evaluate(() => {
        (window as unknown as { marker: number }).marker = 42;
      });
      proc.kill("SIGKILL");
      await proc.exited;
      await row.locator("[data-state=firing]").waitFor({ timeout: 15_000 });
      expect(await row.locator(".badge[data-state]").textContent()).toBe("Firing");
      // Updated in place: the same document, no reload.
      expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
    },
    { timeout: 45_000 },
  );
});
