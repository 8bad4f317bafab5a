/**
 * The Hosts page in a real browser against a real `warden serve`: an agent (simulated,
 * speaking the real protocol) appears, its figures change live without a reload, and an
 * admin revokes it through the confirmation dialog.
 */
import { describe, expect } from "bun:test";
import { connectSimulatedAgent } from "../helpers/simulated-agent.ts";
import { enrolmentToken, useServerAndBrowser } from "./helpers.ts";

const e2e = useServerAndBrowser();

describe("hosts page", () => {
  e2e.test(
    "an agent's figures change live; revoking it asks first and marks it revoked",
    async ({ page }) => {
      const token = await enrolmentToken(e2e.server, { name: "e2e" });
      const agent = await connectSimulatedAgent(e2e.server.url, token, {
        hostname: "live-01",
        distribution: "Debian GNU/Linux",
        release: "12",
        cores: 2,
        memoryGiB: 4,
        machine: 7,
      });
      agent.sample(10, 0.5);
      await page.goto(`${e2e.server.url}/hosts`);
      const row = page.getByTestId("host-live-01");
      await row.waitFor({ timeout: 10_000 });
      // The agent works harder: the row follows without a reload.
      const timer = setInterval(() => agent.sample(87.5, 0.5), 500);
      try {
        await page.waitForFunction(
          () => document.querySelector("[data-testid=host-live-01]")?.textContent?.includes("87.5 %"),
          undefined,
          { timeout: 10_000 },
        );
      } finally {
        clearInterval(timer);
      }
      expect(await row.getByTestId("host-status").textContent()).toBe("up");
      await row.getByRole("button", { name: "Revoke" }).click();
      const dialog = page.locator("dialog[open]");
      await dialog.waitFor();
      expect(await dialog.locator("h2").textContent()).toBe("Revoke the agent of live-01?");
      await dialog.getByRole("button", { name: "Revoke the agent" }).click();
      await page.waitForFunction(
        () =>
          document.querySelector("[data-testid=host-live-01] [data-testid=host-status]")?.textContent ===
          "revoked",
        undefined,
        { timeout: 10_000 },
      );
      agent.close();
    },
  );
});
