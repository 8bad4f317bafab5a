/**
 * Browser test of the global search against a real `warden serve`: "/" and Ctrl-K focus the
 * header's box from anywhere (but "/" types into a field that has focus), Enter shows the
 * results page, under the strict CSP without console errors.
 */
import { describe, expect } from "bun:test";
import { openSettled, useServerAndBrowser } from "./helpers.ts";

const TEST_TIMEOUT_MS = 20_000;

const e2e = useServerAndBrowser();

describe("global search", () => {
  e2e.test(
    "/ and Ctrl-K focus the box; Enter opens the results page",
    async ({ page }) => {
      await openSettled(page, `${e2e.server.url}/incidents/new`);
      const box = page.locator("#global-search");
      const focused = () => box.evaluate((el) => el === document.activeElement);

      await page.getByRole("heading", { level: 1 }).click();
      await page.keyboard.press("/");
      expect(await focused()).toBe(true);
      expect(await box.inputValue()).toBe("");

      // In a form field "/" is just a character; Ctrl-K still jumps to the search.
      const title = page.locator("input[name=title]");
      await title.click();
      await page.keyboard.type("a/b");
      expect(await title.inputValue()).toBe("a/b");
      expect(await focused()).toBe(false);
      await page.keyboard.press("Control+k");
      expect(await focused()).toBe(true);

      await page.keyboard.type("nothingmatchesthis");
      await page.keyboard.press("Enter");
      await page.waitForURL(/\/search\?q=nothingmatchesthis/);
      await page.getByText("Nothing matches").waitFor();
    },
    { timeout: TEST_TIMEOUT_MS },
  );
});
