/**
 * A real `warden agent` on a real X11 desktop (Xvfb + openbox + xterm, test/helpers/desktop.ts)
 * for a served hub: the hub's page of its host lists the xterm's window while someone looks,
 * an admin closes it through the hub (the xterm exits, the list no longer has it, both sides
 * audit it); an agent started without a display says "no desktop session", not "no windows".
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Subprocess } from "bun";
import { and, eq } from "drizzle-orm";
import { auditLog } from "../../src/db/schema/audit-log.ts";
import { startHub, type TestHub } from "../helpers/agent-client.ts";
import { type AgentProcess, connectAgent } from "../helpers/agent-process.ts";
import { textWithStatus, withStatus } from "../helpers/answers.ts";
import { startDesktop, type TestDesktop, until } from "../helpers/desktop.ts";
import { postForm } from "../pages/helpers.ts";

let hub: TestHub;
let desktop: TestDesktop;
let xterm: Subprocess;
const agents: AgentProcess[] = [];
const title = `warden-remote — ${crypto.randomUUID().slice(0, 8)}`;

beforeAll(async () => {
  desktop = await startDesktop();
  hub = await startHub();
  xterm = desktop.start(["xterm", "-T", title, "-e", "sleep", "600"]);
}, 30_000);
afterAll(async () => {
  for (const agent of agents) if (agent.proc.exitCode === null) agent.proc.kill("SIGKILL");
  await hub.stop();
  await desktop.stop();
});

/** The live part of the host's windows page, as `admin`, once it holds `text` (asking keeps the agent sending). */
const liveUntil = (hostId: string, text: string, present = true) =>
  until(
    `"${text}" ${present ? "on" : "gone from"} the page`,
    async () => {
      const page = await textWithStatus(hub.t.as("admin", `/hosts/${hostId}/windows/live`), 200);
      return page.includes(text) === present ? page : null;
    },
    20_000,
  );

describe("a real agent's windows on the hub", () => {
  test("its desktop's window shows on the hub's page and is closed through the hub, audited on both sides", async () => {
    const { hostId, dataDir } = await connectAgent(hub, agents, "windows-desktop", {
      WARDEN_DESKTOP_DISPLAY: desktop.display,
      WARDEN_AGENT_ALLOW: "windows",
    });
    const page = await liveUntil(hostId, title);
    const id = /id="window-(0x[0-9a-f]{8})"/.exec(page)?.[1] ?? "";
    expect(page).toContain(`action="/hosts/${hostId}/windows/${id}/focus"`);
    expect(page).toContain(`href="/hosts/${hostId}/processes?pid=${xterm.pid}"`);
    expect(page).toContain(`on display ${desktop.display}`);

    const closed = await withStatus(
      postForm(hub.t, "admin", `/hosts/${hostId}/windows/${id}/close`, {}),
      303,
    );
    expect(closed.headers.get("Location")).toBe(`/hosts/${hostId}/windows?done=close&id=${id}`);
    await until("the xterm to exit", () => xterm.exitCode !== null || xterm.signalCode !== null, 10_000);
    await liveUntil(hostId, title, false);

    const [audited] = await hub.t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.resourceId, hostId), eq(auditLog.action, "host.window.action")));
    expect(audited?.changes).toMatchObject({
      window: { after: id },
      action: { after: "close" },
      outcome: { after: "done" },
    });
    const lines = readFileSync(join(dataDir, "agent-audit.log"), "utf8").trim().split("\n");
    expect(JSON.parse(lines.at(-1) ?? "{}")).toMatchObject({
      kind: "window.action",
      outcome: "done",
      result: { window: id, action: "close", title },
    });
  }, 60_000);

  test("an agent without a display says there is no desktop", async () => {
    const { hostId } = await connectAgent(hub, agents, "windows-headless", { WARDEN_AGENT_ALLOW: "windows" });
    const page = await liveUntil(hostId, "windows-unavailable");
    expect(page).toContain("No desktop session.");
    expect(page).not.toContain('data-testid="windows-table"');
  }, 60_000);
});
