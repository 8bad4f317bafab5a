/**
 * Remote actions carried out by a real `warden agent` process for a served hub: a signal sent
 * through the hub's API kills a real process of the test, both sides audit it; a class the
 * agent's own config leaves out is refused and nothing happens; the agent re-checks its
 * config whatever the hub believes; an agent gone offline gives a clear error.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { getPriority, tmpdir } from "node:os";
import { join } from "node:path";
import { and, eq } from "drizzle-orm";
import { RemoteActions } from "../../src/cli/agent/remote-actions.ts";
import { auditLog } from "../../src/db/schema/audit-log.ts";
import { createLogger } from "../../src/lib/log.ts";
import { startHub, type TestHub } from "../helpers/agent-client.ts";
import { type AgentProcess, connectAgent as connectRealAgent } from "../helpers/agent-process.ts";
import { textWithStatus, withStatus } from "../helpers/answers.ts";
import { jsonInit, testConfig } from "../helpers/app.ts";
import { postForm } from "../pages/helpers.ts";

let hub: TestHub;
const running: (AgentProcess | Bun.Subprocess)[] = [];
beforeAll(async () => {
  hub = await startHub();
});
afterAll(async () => {
  for (const p of running) {
    const proc = "proc" in p ? p.proc : p;
    if (proc.exitCode === null && proc.signalCode === null) proc.kill("SIGKILL");
  }
  await hub.stop();
});

/** A `sleep` of the test's own, for the agent to act on. */
function sleeper(): Bun.Subprocess {
  const proc = Bun.spawn(["sleep", "300"], { stdout: "ignore", stderr: "ignore" });
  running.push(proc);
  return proc;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A real agent enrolled with the hub as `name`, allowing `allow`; its host id and data dir once connected. */
function connectAgent(name: string, allow: string) {
  return connectRealAgent(hub, running, name, { WARDEN_AGENT_ALLOW: allow });
}

const post = (path: string, body?: unknown) =>
  hub.t.as("admin", path, body === undefined ? { method: "POST" } : jsonInit(body));

const hubAudit = (hostId: string, action: string) =>
  hub.t.database.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.resourceId, hostId), eq(auditLog.action, action)));

describe("remote actions through a real agent", () => {
  test("a signal kills the process, audited on both sides; a class not allowed is refused; offline is clear", async () => {
    const { agent, dataDir, hostId } = await connectAgent("actions-signals", "signals");
    const target = sleeper();

    const sent = await post(`/api/v1/hosts/${hostId}/processes/${target.pid}/signal`, { signal: "KILL" });
    expect(sent.status).toBe(200);
    expect(await sent.json()).toEqual({ pid: target.pid, name: "sleep", signal: "KILL" });
    await target.exited;
    expect(target.signalCode).toBe("SIGKILL");
    expect(alive(target.pid)).toBe(false);

    // The agent's audit file and log, and the hub's audit log.
    const lines = readFileSync(join(dataDir, "agent-audit.log"), "utf8").trim().split("\n");
    expect(JSON.parse(lines.at(-1) ?? "{}")).toMatchObject({
      by: expect.any(String),
      kind: "process.signal",
      params: { pid: target.pid, signal: "KILL" },
      outcome: "done",
      result: { name: "sleep" },
    });
    await agent.waitForLog((l) => l.msg === "remote action" && l.outcome === "done");
    const [signalled] = await hubAudit(hostId, "host.process.signal");
    expect(signalled?.changes).toMatchObject({
      pid: { after: target.pid },
      signal: { after: "KILL" },
      outcome: { after: "done" },
      hostname: { after: "actions-signals" },
    });

    // Renice is not in this agent's agent.allow: 403 saying so, nothing sent, nothing changed.
    const other = sleeper();
    const before = getPriority(other.pid);
    const renice = await post(`/api/v1/hosts/${hostId}/processes/${other.pid}/renice`, { nice: 15 });
    expect(renice.status).toBe(403);
    expect(renice.headers.get("content-type")).toContain("application/problem+json");
    expect(((await renice.json()) as { detail: string }).detail).toContain(
      "The agent's config does not allow renice",
    );
    expect(getPriority(other.pid)).toBe(before);
    expect(readFileSync(join(dataDir, "agent-audit.log"), "utf8").trim().split("\n")).toHaveLength(1);
    const [refused] = await hubAudit(hostId, "host.process.renice");
    expect(refused?.changes).toMatchObject({ outcome: { after: expect.stringMatching(/^403 /) } });

    // A pid that does not exist on the agent's host: the agent's answer, 404.
    const missing = await post(`/api/v1/hosts/${hostId}/processes/4194303/signal`, { signal: "TERM" });
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { detail: string }).detail).toBe(
      "The agent answered: No process has pid 4194303.",
    );
    expect(
      JSON.parse(readFileSync(join(dataDir, "agent-audit.log"), "utf8").trim().split("\n")[1] ?? "{}"),
    ).toMatchObject({ outcome: "refused", error: "No process has pid 4194303." });

    // Unknown host, the local host, a bad body.
    expect((await post(`/api/v1/hosts/nope/processes/${other.pid}/signal`, { signal: "TERM" })).status).toBe(
      404,
    );
    expect((await post(`/api/v1/hosts/local/processes/${other.pid}/signal`, { signal: "TERM" })).status).toBe(
      404,
    );
    expect(
      (await post(`/api/v1/hosts/${hostId}/processes/${other.pid}/signal`, { signal: "SEGV" })).status,
    ).toBe(422);

    // The agent stops: the hub says it is offline and sends nothing.
    agent.proc.kill("SIGTERM");
    await agent.proc.exited;
    for (let i = 0; i < 50 && hub.t.hosts.allows(hostId, "process.signal"); i++) await Bun.sleep(50);
    const offline = await post(`/api/v1/hosts/${hostId}/processes/${other.pid}/signal`, { signal: "KILL" });
    expect(offline.status).toBe(409);
    expect(((await offline.json()) as { detail: string }).detail).toContain("is not connected");
    expect(alive(other.pid)).toBe(true);
  }, 90_000);

  test("the host's process page: admins signal a process the agent allows; a refusal shows in the panel", async () => {
    const { hostId } = await connectAgent("actions-page", "signals");
    const target = sleeper();
    const selected = `/hosts/${hostId}/processes?pid=${target.pid}`;
    const admin = await textWithStatus(hub.t.as("admin", selected), 200);
    expect(admin).toContain('data-testid="process-panel"');
    expect(admin).toContain('data-testid="signal-KILL"');
    expect(admin).not.toContain('data-testid="renice-form"');
    expect(await textWithStatus(hub.t.as("viewer", selected), 200)).not.toContain(
      'data-testid="process-panel"',
    );
    expect(
      (await postForm(hub.t, "viewer", `/hosts/${hostId}/processes/${target.pid}/signal`, { signal: "TERM" }))
        .status,
    ).toBe(403);
    expect(alive(target.pid)).toBe(true);

    const sent = await withStatus(
      postForm(hub.t, "admin", `/hosts/${hostId}/processes/${target.pid}/signal`, { signal: "TERM" }),
      303,
    );
    const location = sent.headers.get("Location") ?? "";
    expect(location).toBe(`/hosts/${hostId}/processes?target=${target.pid}&sent=TERM`);
    await target.exited;
    expect(target.signalCode).toBe("SIGTERM");
    expect(await textWithStatus(hub.t.as("admin", location), 200)).toContain(
      `Sent SIGTERM to pid ${target.pid}.`,
    );

    const other = sleeper();
    const refused = await textWithStatus(
      postForm(hub.t, "admin", `/hosts/${hostId}/processes/${other.pid}/renice`, { nice: "5" }),
      403,
    );
    expect(refused).toContain('data-testid="process-error"');
    expect(refused).toContain("The agent&#39;s config does not allow renice");
    expect(alive(other.pid)).toBe(true);
  }, 60_000);

  test("the agent re-checks its own config: a request for a class it does not allow is refused and audited", async () => {
    const dir = mkdtempSync(join(tmpdir(), "warden-agent-"));
    const config = testConfig(dir, { agent: { allow: ["renice"] } });
    const actions = new RemoteActions(
      { get: () => config },
      createLogger(() => ({ level: "error", format: "json" })),
    );
    const target = sleeper();
    const answer = await actions.run({
      type: "action",
      id: "r1",
      by: "someone",
      kind: "process.signal",
      params: { pid: target.pid, signal: "KILL" },
    });
    expect(answer).toEqual({
      type: "action_result",
      id: "r1",
      ok: false,
      error: {
        status: 403,
        code: "forbidden",
        message: `the agent's config does not allow signals (add "signals" to agent.allow on that host).`,
      },
    });
    expect(alive(target.pid)).toBe(true);
    expect(existsSync(actions.auditPath)).toBe(true);
    expect(JSON.parse(readFileSync(actions.auditPath, "utf8"))).toMatchObject({
      id: "r1",
      outcome: "refused",
    });
  });
});
