/**
 * Remote actions in a real browser: a real `warden serve`, a real `warden agent` allowing
 * signals and renice, and a `sleep` of the test. An admin selects the process on the agent
 * host's process page, renices it, then kills it through the confirmation dialog — each
 * carried out by the agent.
 */
import { afterAll, describe, expect } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { getPriority, tmpdir } from "node:os";
import { join } from "node:path";
import { type AgentProcess, startAgent } from "../helpers/agent-process.ts";
import { spawnSleep } from "../helpers/sleep-process.ts";
import { enrolmentToken, useServerAndBrowser } from "./helpers.ts";

const e2e = useServerAndBrowser();
const agents: AgentProcess[] = [];
const children: Bun.Subprocess[] = [];
const dir = mkdtempSync(join(tmpdir(), "warden-agent-"));

afterAll(async () => {
  for (const child of children) child.kill("SIGKILL");
  for (const agent of agents) if (agent.proc.exitCode === null) agent.proc.kill("SIGTERM");
  await Promise.all(agents.map((agent) => agent.proc.exited));
  rmSync(dir, { recursive: true, force: true });
});

describe("remote actions on an agent host's processes", () => {
  e2e.test(
    "an admin renices and then kills a process of the agent's host from its page",
    async ({ page }) => {
      const token = await enrolmentToken(e2e.server, { name: "actions", maxUses: 1 });
      const agent = startAgent(["--hub", e2e.server.url, "--token", token], dir, {
        WARDEN_AGENT_NAME: "delta-04",
        WARDEN_AGENT_ALLOW: "signals,renice",
      });
      agents.push(agent);
      const connected = await agent.waitForLog((l) => l.msg === "connected to the hub", 30_000);
      const { proc } = await spawnSleep();
      children.push(proc);

      await page.goto(`${e2e.server.url}/hosts/${connected.hostId}/processes?pid=${proc.pid}`);
      const panel = page.getByTestId("process-panel");
      await panel.waitFor();

      await panel.locator("input[name=nice]").fill("7");
      await panel.getByRole("button", { name: "Renice" }).click();
      await page.getByTestId("process-sent").waitFor();
      expect(await page.getByTestId("process-sent").textContent()).toBe(
        `Process ${proc.pid} now runs at nice 7.`,
      );
      expect(getPriority(proc.pid)).toBe(7);

      await page.goto(`${e2e.server.url}/hosts/${connected.hostId}/processes?pid=${proc.pid}`);
      await panel.getByRole("link", { name: "Kill" }).click();
      const dialog = page.locator("dialog[open]");
      await dialog.waitFor();
      expect(await dialog.locator("h2").textContent()).toMatch(
        new RegExp(`^Send SIGKILL to \\S+ \\(pid ${proc.pid}\\)\\?$`),
      );
      await dialog.getByRole("button", { name: "Send SIGKILL" }).click();
      await page.getByTestId("process-sent").waitFor();
      expect(await page.getByTestId("process-sent").textContent()).toContain(`SIGKILL to pid ${proc.pid}`);
      await proc.exited;
      expect(proc.signalCode).toBe("SIGKILL");
    },
    { timeout: 60_000 },
  );
});
