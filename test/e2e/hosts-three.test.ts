/**
 * A hub and THREE real `warden agent` processes (each with its own data dir and
 * `agent.name`) on loopback, watched in a real browser: they enrol with one reusable token
 * and appear up on /hosts without a reload; one host's page shows its figures changing and
 * its ports and processes pages what its agent reported;
 * the agent killed turns stale (then down) on that page without a reload.
 */
import { afterAll, describe, expect } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type AgentProcess, startAgent } from "../helpers/agent-process.ts";
import { enrolmentToken, useServerAndBrowser } from "./helpers.ts";

const e2e = useServerAndBrowser({
  env: { WARDEN_HOSTS_STALEAFTERSECONDS: "3", WARDEN_HOSTS_DOWNAFTERSECONDS: "6" },
});
const NAMES = ["alpha-01", "bravo-02", "charlie-03"];
const agents: AgentProcess[] = [];
const dirs: string[] = [];

afterAll(async () => {
  for (const agent of agents) if (agent.proc.exitCode === null) agent.proc.kill("SIGTERM");
  await Promise.all(agents.map((agent) => agent.proc.exited));
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe("three agents on one hub", () => {
  e2e.test(
    "enrol with one token, show up live, one host's page follows it and sees it go",
    async ({ page }) => {
      const token = await enrolmentToken(e2e.server, { name: "three", maxUses: 3 });
      await page.goto(`${e2e.server.url}/hosts`);
      await page.getByTestId("hosts-table").waitFor();

      for (const name of NAMES) {
        const dir = mkdtempSync(join(tmpdir(), "warden-agent-"));
        dirs.push(dir);
        agents.push(
          startAgent(["--hub", e2e.server.url, "--token", token], dir, {
            WARDEN_AGENT_NAME: name,
            WARDEN_AGENT_RECONNECTMINMS: "200",
            WARDEN_AGENT_RECONNECTMAXMS: "1000",
          }),
        );
      }
      // All three appear, up, on the page opened before they existed.
      await page.waitForFunction(
        (names) =>
          names.every(
            (name) =>
              document.querySelector(`[data-testid=host-${name}] [data-testid=host-status]`)?.textContent ===
              "up",
          ),
        NAMES,
        { timeout: 30_000 },
      );

      // One host's page: its figures change as its agent samples.
      await page.getByTestId("host-bravo-02").getByRole("link", { name: "bravo-02" }).click();
      await page.getByTestId("host-name").waitFor();
      expect(await page.getByTestId("host-name").textContent()).toBe("bravo-02");
      const at = async () => Number(await page.locator("[data-live-host]").getAttribute("data-at"));
      await page.waitForFunction(
        () => document.querySelector("[data-live-host]")?.hasAttribute("data-at"),
        undefined,
        {
          timeout: 10_000,
        },
      );
      const first = await at();
      await page.waitForFunction(
        (seen) => Number(document.querySelector("[data-live-host]")?.getAttribute("data-at")) > seen,
        first,
        { timeout: 10_000 },
      );
      expect(await page.locator("[data-live-host] [data-metric=cpu]").textContent()).toMatch(/%$/);
      expect(await page.getByTestId("host-status").textContent()).toBe("up");

      // Its listening ports, as its agent reported them: the hub's own port among them.
      await page
        .getByRole("navigation", { name: "Host pages" })
        .getByRole("link", { name: "Listening ports" })
        .click();
      const hubPort = new URL(e2e.server.url).port;
      await page.getByTestId(`port-tcp-${hubPort}`).waitFor({ timeout: 10_000 });
      // Its processes: the agent sends its table once the page asks for it.
      await page
        .getByRole("navigation", { name: "Host pages" })
        .getByRole("link", { name: "Processes" })
        .click();
      await page.locator("#host-process-rows tr[data-testid^=process-]").first().waitFor({ timeout: 15_000 });
      await page
        .getByRole("navigation", { name: "Host pages" })
        .getByRole("link", { name: "Overview" })
        .click();
      await page.locator("[data-live-host]").waitFor();

      // Its agent dies: the page says so without a reload.
      const bravo = agents[1];
      bravo?.proc.kill("SIGKILL");
      await bravo?.proc.exited;
      await page.waitForFunction(
        () =>
          ["stale", "down"].includes(document.querySelector("[data-testid=host-status]")?.textContent ?? ""),
        undefined,
        { timeout: 15_000 },
      );
      await page.waitForFunction(
        () => document.querySelector("[data-testid=host-status]")?.textContent === "down",
        undefined,
        { timeout: 25_000 },
      );
    },
    { timeout: 90_000 },
  );
});
