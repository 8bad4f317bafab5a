/**
 * `warden agent` against a hub, all real processes on loopback with their own data dirs:
 * enrolment, samples arriving, a hub killed for 20 s and restarted (the buffered samples arrive,
 * no gap, no double), revocation closing the socket within a second, a wrong token refused.
 */
import { Database } from "bun:sqlite";
import { afterAll, describe, expect, test } from "bun:test";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type AgentProcess, startAgent } from "../helpers/agent-process.ts";
import { runWarden, type ServerProcess, setupAdmin, startWarden } from "../helpers/process.ts";

/** A port free now, for a hub that must come back on the same address. */
function freePort(): number {
  const server = Bun.serve({ port: 0, fetch: () => new Response() });
  const port = server.port ?? 0;
  server.stop(true);
  return port;
}

const AGENT_ENV = { WARDEN_AGENT_RECONNECTMINMS: "200", WARDEN_AGENT_RECONNECTMAXMS: "1000" };

interface ListedHost {
  id: string;
  kind: string;
  status: string;
  lastSeenAt: number | null;
  cpu: number | null;
  assetId: string | null;
}

describe("warden agent streaming to a hub", () => {
  const hubDir = mkdtempSync(join(tmpdir(), "warden-hub-"));
  const port = freePort();
  const running: (ServerProcess | AgentProcess)[] = [];
  afterAll(() => {
    for (const p of running) if (p.proc.exitCode === null) p.proc.kill("SIGKILL");
  });

  const hubAt = () => startWarden({ cwd: hubDir, args: ["--port", String(port)] });
  const hubUrl = `http://127.0.0.1:${port}`;

  test("enrols, streams, survives a hub restart with no gap, and is revoked within a second", async () => {
    let hub = await hubAt();
    running.push(hub);
    const auth = await setupAdmin(hub);
    const created = await fetch(`${hubUrl}/api/v1/hosts/enrolment-tokens`, {
      method: "POST",
      headers: auth,
      body: JSON.stringify({ name: "loopback agents", maxUses: 1 }),
    });
    expect(created.status).toBe(201);
    const { token } = (await created.json()) as { token: string };

    const dataDir = mkdtempSync(join(tmpdir(), "warden-agent-"));
    const agent = startAgent(["--hub", hubUrl, "--token", token], dataDir, AGENT_ENV);
    running.push(agent);
    const enrolled = await hub.waitForLog((l) => l.msg === "agent enrolled", 20_000);
    const hostId = String(enrolled.hostId);
    await agent.waitForLog((l) => l.msg === "enrolled with the hub");
    expect(existsSync(join(dataDir, "agent-credential.json"))).toBe(true);

    // Samples arrive and the host is up, linked to a CMDB asset.
    const listed = async () => {
      const res = await fetch(`${hubUrl}/api/v1/hosts`, { headers: auth });
      return ((await res.json()) as ListedHost[]).find((h) => h.id === hostId);
    };
    let host: ListedHost | undefined;
    for (let i = 0; i < 50 && !(host?.status === "up" && host.cpu !== null && host.assetId); i++) {
      await Bun.sleep(200);
      host = await listed();
    }
    expect(host?.status).toBe("up");
    expect(host?.assetId).toBeString();

    // The one-time token is used up: a second agent with it is refused, logged, and stops.
    const other = startAgent(
      ["--hub", hubUrl, "--token", token],
      mkdtempSync(join(tmpdir(), "warden-agent-")),
      AGENT_ENV,
    );
    running.push(other);
    expect(await other.proc.exited).toBe(1);
    expect(other.raw.join("\n")).toContain("enrolment token unknown, expired, revoked or used up");
    await hub.waitForLog((l) => l.msg === "agent refused");

    // The hub dies without warning for 20 s; the agent buffers and sends it all on reconnect.
    // Its backoff tops out at 1 s here (AGENT_ENV), so it is back within ~1.5 s of the restart.
    await Bun.sleep(3000);
    hub.proc.kill("SIGKILL");
    await hub.proc.exited;
    const killedAt = Date.now();
    await Bun.sleep(20_000);
    hub = await hubAt();
    const listeningAt = Date.now();
    running.push(hub);
    await hub.waitForLog((l) => l.msg === "agent connected" && l.hostId === hostId, 15_000);
    const reconnectedAt = Date.now();
    expect(reconnectedAt - listeningAt).toBeLessThan(5000);
    await Bun.sleep(2500);
    const db = new Database(join(hubDir, "data", "warden.db"), { readonly: true });
    const times = db
      .query("select agent_at as t from host_samples where host_id = ? order by agent_at")
      .all(hostId)
      .map((r) => (r as { t: number }).t);
    db.close();
    // The stored series spans the outage, one sample a second with no hole.
    expect(listeningAt - killedAt).toBeGreaterThan(20_000);
    expect(times[0]).toBeLessThan(killedAt - 2000);
    expect(times.filter((t) => t > killedAt && t < killedAt + 20_000).length).toBeGreaterThanOrEqual(18);
    expect(times.at(-1)).toBeGreaterThan(reconnectedAt);
    const gaps = times.slice(1).map((t, i) => t - (times[i] ?? t));
    expect(Math.max(...gaps)).toBeLessThan(2000);
    expect(new Set(times).size).toBe(times.length);

    // Revocation closes its socket at once; the agent stops, saying why.
    const revokedAt = Date.now();
    const revoke = await fetch(`${hubUrl}/api/v1/hosts/${hostId}`, { method: "DELETE", headers: auth });
    expect(revoke.status).toBe(204);
    await hub.waitForLog(
      (l) => l.msg === "agent disconnected" && l.hostId === hostId && l.code === 4403,
      1000,
    );
    expect(Date.now() - revokedAt).toBeLessThan(1000);
    expect(await agent.proc.exited).toBe(1);
    expect(agent.raw.join("\n")).toContain("this agent was revoked on the hub");
    expect((await listed())?.status).toBe("revoked");

    // A wrong token is refused and logged.
    const stranger = startAgent(
      ["--hub", hubUrl, "--token", "wen_not-a-token"],
      mkdtempSync(join(tmpdir(), "warden-agent-")),
      AGENT_ENV,
    );
    running.push(stranger);
    expect(await stranger.proc.exited).toBe(1);
    expect(await hub.stop()).toBe(0);
  }, 150_000);

  test("refuses plain text to a hub off loopback, and starts with no token only once enrolled", () => {
    const dir = mkdtempSync(join(tmpdir(), "warden-agent-"));
    const plain = runWarden(["agent", "--hub", "http://hub.example:8000", "--token", "x", "--data-dir", dir]);
    // Given on the command line, it is a wrong command line; from the configuration, a failure.
    expect(plain.code).toBe(2);
    expect(plain.stderr).toContain("is not encrypted");
    expect(plain.stderr).toContain("Usage: warden agent");
    const configured = runWarden(["agent", "--token", "x", "--data-dir", dir], {
      env: { WARDEN_AGENT_HUB: "http://hub.example:8000" },
    });
    expect(configured.code).toBe(1);
    expect(configured.stderr).toContain("is not encrypted");
    expect(configured.stderr).not.toContain("Usage:");
    const none = runWarden(["agent", "--hub", "https://hub.example:8000", "--data-dir", dir]);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain("not enrolled with");
  });
});
