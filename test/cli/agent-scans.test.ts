/**
 * Scans from a real `warden agent`'s host, stored as the hub's own scans are: a real socket
 * listening on loopback is found by the agent's scan (202 and the scan's Location, as a
 * local scan); the scan is in /network/scans with its host named; a second scan is diffed
 * against the first of the same target from the same host (never against a local scan of
 * the same target) and raises the same new-port alert; the agent's refusals fail the scan
 * with its reason; an agent not allowing scans is refused at once, nothing stored.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { and, eq } from "drizzle-orm";
import { auditLog } from "../../src/db/schema/audit-log.ts";
import { scans } from "../../src/modules/scans/schema.ts";
import { startHub, type TestHub } from "../helpers/agent-client.ts";
import { type AgentProcess, connectAgent as connectRealAgent } from "../helpers/agent-process.ts";
import { textWithStatus } from "../helpers/answers.ts";
import { jsonInit } from "../helpers/app.ts";
import { until } from "../helpers/desktop.ts";

let hub: TestHub;
const agents: AgentProcess[] = [];
const listeners: Bun.Server<undefined>[] = [];
beforeAll(async () => {
  hub = await startHub();
});
afterAll(async () => {
  for (const agent of agents) if (agent.proc.exitCode === null) agent.proc.kill("SIGKILL");
  for (const listener of listeners) listener.stop(true);
  await hub.stop();
});

/** A real agent enrolled as `name` allowing `allow`; its host id and data dir once connected. */
function connectAgent(name: string, allow: string) {
  return connectRealAgent(hub, agents, name, { WARDEN_AGENT_ALLOW: allow });
}

/** A real socket listening on loopback (`port`: that one, else any free one). */
function listen(port = 0) {
  const server = Bun.serve({ hostname: "127.0.0.1", port, fetch: () => new Response("hi") });
  listeners.push(server);
  return server;
}

interface ScanBody {
  id: string;
  status: string;
  hostId: string;
  hostName: string | null;
  openCount: number;
  error: string | null;
}

const post = (path: string, body: unknown) => hub.t.as("admin", path, jsonInit(body));

/** Starts a scan at `path`; its body once it has ended. */
async function scanned(
  path: string,
  body: unknown,
): Promise<{ scan: ScanBody; diff: { previous: unknown; newlyOpen: { port: number }[] } }> {
  const res = await post(path, body);
  expect(res.status).toBe(202);
  const started = (await res.json()) as ScanBody;
  expect(res.headers.get("Location")).toBe(`/api/v1/scans/${started.id}`);
  return until(
    "the scan to end",
    async () => {
      const detail = await (await hub.t.as("admin", `/api/v1/scans/${started.id}`)).json();
      return ["completed", "failed", "interrupted"].includes(detail.scan.status) ? detail : null;
    },
    30_000,
  );
}

describe("scans from a real agent's host", () => {
  test("stored as scans: found, listed with the host, diffed per host, alerted; refusals fail the scan", async () => {
    const { hostId, dataDir } = await connectAgent("scans-agent", "scans");
    const first = listen();
    const second = listen();
    const closedPort = second.port as number;
    second.stop(true);
    const ports = `${first.port},${closedPort}`;
    const path = `/api/v1/hosts/${hostId}/scans`;

    const one = await scanned(path, { target: "127.0.0.1", ports });
    expect(one.scan).toMatchObject({ status: "completed", hostId, hostName: "scans-agent", openCount: 1 });
    expect(one.diff.previous).toBeNull();
    const found = await (await hub.t.as("admin", `/api/v1/scans/${one.scan.id}/ports`)).json();
    expect(found.items).toMatchObject([{ host: "127.0.0.1", port: first.port }]);
    const list = await textWithStatus(hub.t.as("admin", "/network/scans"), 200);
    expect(list).toContain(`<a href="/hosts/${hostId}">scans-agent</a>`);
    const page = await textWithStatus(hub.t.as("admin", `/network/scans/${one.scan.id}`), 200);
    expect(page).toContain("run by the agent of scans-agent with its own scanner settings");

    // The closed port opens: the next scan from this host finds it new, and the SOC hears of it.
    listen(closedPort);
    const two = await scanned(path, { target: "127.0.0.1", ports });
    expect(two.scan.openCount).toBe(2);
    expect(two.diff.previous).toMatchObject({ id: one.scan.id });
    expect(two.diff.newlyOpen.map((p) => p.port)).toEqual([closedPort]);
    const alert = await until("the new-port alert", async () => {
      const alerts = await (await hub.t.as("analyst", "/api/v1/soc/alerts?source=scan")).json();
      return alerts.items.find(
        (a: { dedupKey: string }) => a.dedupKey === `scan:${hostId}:127.0.0.1:${closedPort}`,
      );
    });
    expect(alert.title).toBe(`New open port ${closedPort}/tcp on 127.0.0.1 from scans-agent`);

    // A local scan of the same target is not compared with the agent's.
    const local = await scanned("/api/v1/scans", { target: "127.0.0.1", ports });
    expect(local.scan).toMatchObject({ status: "completed", hostId: "local", hostName: null });
    expect(local.diff.previous).toBeNull();

    // The agent's own allow list and budget: the scan fails with its reason.
    const outside = await scanned(path, { target: "192.0.2.1", ports: "22" });
    expect(outside.scan).toMatchObject({
      status: "failed",
      error:
        "The agent answered: 192.0.2.1 is outside agent.scanTargets; add its range to that setting to scan it.",
    });
    const big = await scanned(path, { target: "127.0.0.0/16", ports: "all" });
    expect(big.scan.status).toBe("failed");
    expect(big.scan.error).toContain("scanner.maxProbesPerScan allows");

    const lines = readFileSync(join(dataDir, "agent-audit.log"), "utf8").trim().split("\n");
    expect(lines.map((l) => JSON.parse(l).outcome)).toEqual(["done", "done", "refused", "refused"]);
    const audited = await hub.t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.resourceId, hostId), eq(auditLog.action, "host.scan.run")));
    expect(audited).toHaveLength(4);
  }, 120_000);

  test("an agent that does not allow scans is refused at once; nothing is stored", async () => {
    const { hostId } = await connectAgent("scans-refused", "signals");
    const before = await hub.t.database.db.select({ id: scans.id }).from(scans);
    const res = await post(`/api/v1/hosts/${hostId}/scans`, { target: "127.0.0.1", ports: "22" });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { detail: string }).detail).toContain("does not allow scans");
    expect(await hub.t.database.db.select({ id: scans.id }).from(scans)).toHaveLength(before.length);
    expect((await post("/api/v1/hosts/local/scans", { target: "127.0.0.1", ports: "22" })).status).toBe(404);
  }, 60_000);
});
