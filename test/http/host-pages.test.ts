/**
 * One host's page and API: an agent (simulated, the real protocol) reports to a served test
 * app; its host answers with its latest sample, its history in the local history's shape,
 * and its page renders; the local host's page is the dashboard.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { registerHost } from "../../src/modules/assets/registration.ts";
import { processReport } from "../../src/modules/hosts/agent-reports.ts";
import { MAX_MESSAGE_BYTES, MAX_PROCESSES, processesSchema } from "../../src/modules/hosts/protocol.ts";
import { hostMetricsMinute } from "../../src/modules/hosts/schema.ts";
import { TableWatch } from "../../src/modules/hosts/table-watch.ts";
import { hostRecord } from "../../src/monitor/host-identity.ts";
import { enrolmentToken, startHub, type TestHub } from "../helpers/agent-client.ts";
import { jsonInit, type TestApp } from "../helpers/app.ts";
import type { ListeningApp } from "../helpers/listen.ts";
import { connectSimulatedAgent, type SimulatedAgent } from "../helpers/simulated-agent.ts";

let hub: TestHub;
let t: TestApp;
let served: ListeningApp;
let agent: SimulatedAgent;
let hostId: string;

type HostAsset = { id: string; assetId: string | null };

beforeAll(async () => {
  hub = await startHub({ monitor: { intervalMs: 250 } });
  ({ t, served } = hub);
  const token = await enrolmentToken(t);
  agent = await connectSimulatedAgent(served.url, token, {
    hostname: "page-01",
    distribution: "Debian GNU/Linux",
    release: "12",
    cores: 4,
    memoryGiB: 8,
    machine: 41,
  });
  agent.sample(42.5, 0.25);
  for (let i = 0; i < 100; i++) {
    await t.hosts.writer.flush();
    const list = (await (await t.as("viewer", "/api/v1/hosts")).json()) as { id: string; cpu: number }[];
    const host = list.find((h) => h.id !== "local" && h.cpu !== null);
    if (host) {
      hostId = host.id;
      break;
    }
    await Bun.sleep(50);
  }
});
afterAll(async () => {
  agent.close();
  await hub.stop();
});

describe("a host's API", () => {
  test("GET /api/v1/hosts/:id answers the host with its latest sample", async () => {
    const res = await t.as("viewer", `/api/v1/hosts/${hostId}`);
    expect(res.status).toBe(200);
    const host = (await res.json()) as { hostname: string; status: string; latest: Record<string, number> };
    expect(host.hostname).toBe("page-01");
    expect(host.status).toBe("up");
    expect(host.latest).toMatchObject({
      cpu: 42.5,
      memory: 25,
      load1: 1,
      netRx: 1000,
      netTx: 2000,
      processes: 200,
    });
  });

  test("the local host is `local`; an unknown id is 404", async () => {
    const local = (await (await t.as("viewer", "/api/v1/hosts/local")).json()) as { kind: string };
    expect(local.kind).toBe("local");
    expect((await t.as("viewer", "/api/v1/hosts/no-such-host")).status).toBe(404);
    expect((await t.as(null, `/api/v1/hosts/${hostId}`)).status).toBe(401);
  });

  test("the local host's assetId is the asset it registered as, in the list and on its own", async () => {
    t.metrics.start();
    try {
      const started = Date.now();
      while (!t.metrics.snapshot().host && Date.now() - started < 10_000) await Bun.sleep(20);
      const facts = t.metrics.snapshot().host;
      if (!facts) throw new Error("the sampler read no host facts");
      const localAsset = async () => {
        const listed = (await (await t.as("viewer", "/api/v1/hosts")).json()) as HostAsset[];
        const one = (await (await t.as("viewer", "/api/v1/hosts/local")).json()) as HostAsset;
        return [listed.find((h) => h.id === "local")?.assetId, one.assetId];
      };
      expect(await localAsset()).toEqual([null, null]);
      // As `warden serve` does once the sampler has read the host's facts.
      const { asset } = await registerHost({ db: t.database.db, bus: t.bus }, hostRecord(facts));
      expect(await localAsset()).toEqual([asset.id, asset.id]);
      // The agent's host keeps its own asset.
      const listed = (await (await t.as("viewer", "/api/v1/hosts")).json()) as HostAsset[];
      const agentAsset = listed.find((h) => h.id === hostId)?.assetId;
      expect(agentAsset).toEqual(expect.any(String));
      expect(agentAsset).not.toBe(asset.id);
    } finally {
      t.metrics.stop();
    }
  }, 15_000);

  test("history comes from the host's rollups in the local history's shape", async () => {
    const minute = Math.floor((Date.now() - 10 * 60_000) / 60_000) * 60_000;
    await t.database.db.transaction(async (tx) => {
      await tx.insert(hostMetricsMinute).values([
        { hostId, series: "cpu", bucket: minute, avg: 12, min: 10, max: 14, count: 60 },
        { hostId, series: "memory", bucket: minute, avg: 30, min: 30, max: 30, count: 60 },
      ]);
    });
    const res = await t.as("viewer", `/api/v1/hosts/${hostId}/history?range=1h`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { resolution: string; series: Record<string, number[][]> };
    expect(body.resolution).toBe("minute");
    expect(body.series.cpu).toEqual([[minute, 12, 10, 14]]);
    expect(body.series.memory).toEqual([[minute, 30, 30, 30]]);
    const week = (await (await t.as("viewer", `/api/v1/hosts/${hostId}/history?range=7d`)).json()) as {
      resolution: string;
    };
    expect(week.resolution).toBe("hour");
    expect((await t.as("viewer", `/api/v1/hosts/${hostId}/history?series=nope`)).status).toBe(422);
    expect((await t.as("viewer", `/api/v1/hosts/${hostId}/history?range=2y`)).status).toBe(422);
    const local = await t.as("viewer", "/api/v1/hosts/local/history?range=1h");
    expect(local.status).toBe(200);
  });
});

describe("a host's listening ports", () => {
  test("none before its agent reports them; then by port, on the API and its page", async () => {
    const before = await (await t.as("viewer", `/api/v1/hosts/${hostId}/ports`)).json();
    expect(before).toEqual({ at: null, ports: [] });
    agent.ports([
      { protocol: "tcp", address: "0.0.0.0", port: 8080, pid: 4242, process: "nginx" },
      { protocol: "tcp6", address: "::", port: 22, pid: null, process: null },
    ]);
    let body: { at: number | null; ports: { port: number }[] } = { at: null, ports: [] };
    for (let i = 0; i < 50 && body.at === null; i++) {
      await Bun.sleep(20);
      body = await (await t.as("viewer", `/api/v1/hosts/${hostId}/ports`)).json();
    }
    expect(body.ports.map((p) => p.port)).toEqual([22, 8080]);
    const page = await (await t.as("viewer", `/hosts/${hostId}/ports`)).text();
    expect(page).toContain('data-testid="port-tcp-8080"');
    expect(page).toContain("nginx");
    // Ports and pids are identifiers: written as they are, with no thousands separator.
    expect(page).toMatch(/>8080</);
    expect(page).toContain("(4242)");
    expect(page).not.toContain("4,242");
    const local = await t.as("viewer", "/hosts/local/ports");
    expect(local.headers.get("location")).toBe("/network");
    const localApi = (await (await t.as("viewer", "/api/v1/hosts/local/ports")).json()) as { at: number };
    expect(localApi.at).toBeNumber();
    expect((await t.as("viewer", "/api/v1/hosts/no-such-host/ports")).status).toBe(404);
  });
});

describe("a host's processes", () => {
  const row = (pid: number, name: string, cpu: number) => ({
    pid,
    ppid: 1,
    name,
    user: "root",
    state: "running",
    cpu,
    rss: 1e6,
    memory: 0.5,
    threads: 1,
    command: `/usr/bin/${name}`,
  });

  test("asking makes the agent send its table; the API and the page show it", async () => {
    const first = await (await t.as("viewer", `/api/v1/hosts/${hostId}/processes`)).json();
    expect(first).toEqual({ at: null, total: 0, processes: [] });
    for (let i = 0; i < 100 && !agent.watching; i++) await Bun.sleep(20);
    expect(agent.watching).toBe(true);
    agent.processes([row(12724, "postgres", 40), row(11, "nginx", 3)]);
    let body: { at: number | null; processes: { name: string }[] } = { at: null, processes: [] };
    for (let i = 0; i < 50 && body.at === null; i++) {
      await Bun.sleep(20);
      body = await (await t.as("viewer", `/api/v1/hosts/${hostId}/processes`)).json();
    }
    expect(body.processes.map((p) => p.name)).toEqual(["postgres", "nginx"]);
    const page = await (await t.as("viewer", `/hosts/${hostId}/processes`)).text();
    expect(page).toContain('data-testid="process-12724"');
    // A pid is an identifier: no thousands separator.
    expect(page).toMatch(/>12724</);
    expect(page).not.toContain("12,724");
    const rows = await (await t.as("viewer", `/hosts/${hostId}/processes/rows`)).text();
    expect(rows).toContain("/usr/bin/nginx");
    expect((await t.as("viewer", "/hosts/local/processes")).headers.get("location")).toBe("/processes");
  });

  test("nobody looking: the agent is told to stop and the table is forgotten", async () => {
    const told: [string, boolean][] = [];
    const watch = new TableWatch((id, on) => told.push([id, on]), { leaseMs: 40, sweepMs: 10 });
    watch.start();
    try {
      watch.look("h1");
      watch.look("h1");
      watch.store("h1", { at: 1, total: 0, processes: [] });
      watch.store("h2", { at: 1, total: 0, processes: [] });
      expect([...watch.tables.keys()]).toEqual(["h1"]);
      watch.welcomed("h1");
      await Bun.sleep(120);
      expect(told).toEqual([
        ["h1", true],
        ["h1", true],
        ["h1", false],
      ]);
      expect(watch.tables.size).toBe(0);
    } finally {
      watch.stop();
    }
  });
});

describe("protocol versions", () => {
  test("an agent of protocol 1 (no ports) is still served", async () => {
    const created = await t.as("admin", "/api/v1/hosts/enrolment-tokens", jsonInit({ name: "old" }));
    const { token } = (await created.json()) as { token: string };
    const old = await connectSimulatedAgent(
      served.url,
      token,
      {
        hostname: "old-01",
        distribution: "Debian GNU/Linux",
        release: "11",
        cores: 1,
        memoryGiB: 1,
        machine: 42,
      },
      1,
    );
    old.close();
  });
});

describe("a host's page", () => {
  test("shows its facts and live tiles; the hosts list links to it", async () => {
    const page = await (await t.as("viewer", `/hosts/${hostId}`)).text();
    expect(page).toContain("page-01");
    expect(page).toContain(`data-live-host="${hostId}"`);
    expect(page).toContain("42.5");
    expect(page).toContain(`/api/v1/hosts/${hostId}/history?series=cpu,memory&amp;range=24h`);
    const list = await (await t.as("viewer", "/hosts")).text();
    expect(list).toContain(`href="/hosts/${hostId}"`);
    const facts = await t.as("viewer", `/hosts/${hostId}/facts`);
    expect(await facts.text()).toContain('data-testid="host-status"');
  });

  test("the local host's page is the dashboard; an unknown host is 404", async () => {
    const local = await t.as("viewer", "/hosts/local");
    expect(local.status).toBe(302);
    expect(local.headers.get("location")).toBe("/");
    expect((await t.as("viewer", "/hosts/no-such-host")).status).toBe(404);
  });
});

describe("an agent's process report", () => {
  test("the busiest first, and never more than one message holds", () => {
    const long = "x".repeat(500);
    const table = Array.from({ length: 400 }, (_, i) => ({
      pid: i + 1,
      ppid: 1,
      name: long,
      command: long,
      user: long,
      uid: 0,
      state: "running" as const,
      cpu: i,
      rss: 1,
      memory: 0,
      threads: 1,
      startedAt: 0,
      nice: 0,
    }));
    const rows = processReport(table);
    expect(rows[0]?.pid).toBe(400);
    expect(rows.length).toBeLessThanOrEqual(MAX_PROCESSES);
    const message = { type: "processes", at: 1, total: 400, processes: rows };
    expect(Buffer.byteLength(JSON.stringify(message))).toBeLessThan(MAX_MESSAGE_BYTES);
    expect(processesSchema.safeParse(message).success).toBe(true);
  });
});
