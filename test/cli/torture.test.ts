/**
 * Writes under torture (real server process, real HTTP): writers on every write path at
 * once while two CPU-bound processes starve the machine and alert rules fire every second;
 * then the same load cut by kill -9 and a restart. Nothing may answer ≥ 500, nothing may
 * hit SQLITE_BUSY, no alert may be lost, and every acknowledged write must be there with
 * its audit entry.
 */
import { afterEach, describe, expect, test } from "bun:test";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@libsql/client";
import { WEBHOOK_EVENTS } from "../../src/modules/webhooks/events.ts";
import { type ServerProcess, setupAdmin, startWarden } from "../helpers/process.ts";

const RULES = 12;
const TORTURE_MS = 20_000;
const REQUEST_TIMEOUT_MS = 20_000;

/** A data directory with a config: rules that re-raise every second, no rate limits, loopback scans. */
function tortureDir(): string {
  const cwd = mkdtempSync(join(tmpdir(), "warden-torture-"));
  const rules = Array.from({ length: RULES }, (_, i) => ({
    id: `torture-${i}`,
    name: `Torture ${i}`,
    condition: { type: "metric", series: "processes", operator: ">", threshold: 0 },
    forSeconds: 0,
    renotifySeconds: 1,
    severity: "low",
  }));
  writeFileSync(
    join(cwd, "torture.json"),
    JSON.stringify({
      monitor: { intervalMs: 250 },
      rateLimit: { enabled: false },
      alerts: { rules },
      scanner: { allowedTargets: ["127.0.0.0/8"] },
      webhooks: { allowedTargets: ["127.0.0.0/8"] },
    }),
  );
  return cwd;
}

/** Two busy loops in their own processes, for as long as the test runs. */
function starveCpu(): () => void {
  const hogs = [0, 1].map(() => Bun.spawn(["sh", "-c", "while :; do :; done"], { stdout: "ignore" }));
  return () => {
    for (const hog of hogs) hog.kill("SIGKILL");
  };
}

/** What the writers saw: every status, and the records each acknowledged. */
interface Outcome {
  statuses: Map<string, number[]>;
  acknowledged: { kind: string; path: string; id: string }[];
  errors: string[];
}

type Writer = (n: number) => Promise<void>;

/**
 * Someone for incidents to be assigned to, and a webhook on every event (to a loopback
 * receiver that answers 204): each write then also notifies and queues calls, the way a
 * configured Warden works.
 */
async function wireUp(
  server: ServerProcess,
  headers: Record<string, string>,
): Promise<{ assignee: string; stop(): void }> {
  const receiver = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    fetch: () => new Response(null, { status: 204 }),
  });
  const hook = await fetch(`${server.url}/api/v1/integrations/webhooks`, {
    method: "POST",
    headers,
    body: JSON.stringify({
      name: "Torture receiver",
      url: `${receiver.url.origin}/hook`,
      secret: "a-webhook-secret-of-some-length",
      events: WEBHOOK_EVENTS,
    }),
  });
  expect(hook.status).toBe(201);
  const user = await fetch(`${server.url}/api/v1/users`, {
    method: "POST",
    headers,
    body: JSON.stringify({
      email: "analyst@example.test",
      username: "analyst",
      password: "torture-analyst-password-1",
      role: "analyst",
    }),
  });
  expect(user.status).toBe(201);
  return { assignee: ((await user.json()) as { id: string }).id, stop: () => receiver.stop(true) };
}

/** The writers, each one write path; run in parallel loops by {@link runLoad}. */
function writers(
  server: ServerProcess,
  headers: Record<string, string>,
  outcome: Outcome,
  assignee: string,
): Record<string, Writer> {
  const send = async (name: string, path: string, body: unknown) => {
    try {
      // A stalled server shows as a failed request, not as a test that never ends.
      const res = await fetch(`${server.url}${path}`, {
        method: "POST",
        headers,
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      const list = outcome.statuses.get(name) ?? [];
      list.push(res.status);
      outcome.statuses.set(name, list);
      const text = await res.text();
      if (res.status >= 400) outcome.errors.push(`${name} ${res.status} ${text.slice(0, 300)}`);
      return res.status < 300 ? (JSON.parse(text) as { id: string }) : null;
    } catch (error) {
      // The connection was cut (kill -9): not an answer, nothing acknowledged.
      outcome.errors.push(`${name} ${(error as Error).message}`);
      return null;
    }
  };
  /** Sends `body` to `path` (as `name`) and acknowledges the record it created, a `kind`. */
  const create = async (kind: string, name: string, path: string, body: unknown) => {
    const record = await send(name, path, body);
    if (record) outcome.acknowledged.push({ kind, path: `${path}/${record.id}`, id: record.id });
    return record;
  };
  return {
    incidents: async (n) => {
      const incident = await create("incident", "incidents", "/api/v1/incidents", {
        title: `Torture incident ${n}`,
        description: "Under load.",
        severity: "medium",
        category: "other",
        assignedTo: assignee,
      });
      if (!incident) return;
      await send("comments", `/api/v1/incidents/${incident.id}/comments`, { body: `Comment ${n}` });
      await send("incident moves", `/api/v1/incidents/${incident.id}/status`, {
        status: "triage",
        version: 1,
      });
    },
    sharedAlerts: async (n) => {
      await create("alert", "shared alerts", "/api/v1/soc/alerts", {
        title: "Shared key",
        severity: "low",
        dedupKey: `shared-${n % 3}`,
        context: { n },
      });
    },
    freshAlerts: async (n) => {
      await create("alert", "fresh alerts", "/api/v1/soc/alerts", {
        title: `Fresh ${n}`,
        severity: "high",
        dedupKey: `fresh-${Bun.randomUUIDv7()}`,
        context: { n },
      });
    },
    documents: async (n) => {
      await create("document", "documents", "/api/v1/documents", {
        title: `Torture policy ${n}`,
        category: "policy",
        content: `# Policy ${n}\n\nWritten under load.`,
      });
    },
    vulnerabilities: async (n) => {
      await create("vulnerability", "vulnerabilities", "/api/v1/vulnerabilities", {
        title: `Torture finding ${n}`,
        severity: "high",
      });
    },
    assets: async (n) => {
      await create("asset", "assets", "/api/v1/cmdb/assets", {
        name: `torture-host-${n}`,
        assetType: "server",
      });
    },
    scans: async () => {
      await create("scan", "scans", "/api/v1/scans", {
        target: "127.0.0.1",
        ports: "1-200",
        hostDiscovery: false,
      });
      await Bun.sleep(1_000);
    },
  };
}

/** Runs every writer in its own loop while `going()` says so. */
async function runLoad(all: Record<string, Writer>, going: () => boolean): Promise<void> {
  await Promise.all(
    Object.values(all).map(async (write) => {
      for (let n = 0; going(); n++) await write(n);
    }),
  );
}

async function metricValue(
  server: ServerProcess,
  headers: Record<string, string>,
  series: string,
): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`, { headers })).text();
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  if (!line) throw new Error(`${series} not on /metrics:\n${text.slice(-2000)}`);
  return Number(line.split(" ")[1]);
}

let server: ServerProcess | null = null;
let stopHogs: (() => void) | null = null;
afterEach(async () => {
  stopHogs?.();
  stopHogs = null;
  if (server && server.proc.exitCode === null) await server.stop();
  server = null;
});

describe("writes under torture", () => {
  test("every write path at once for 20 s on a starved CPU: no 5xx, no SQLITE_BUSY, every alert stored, integrity ok", async () => {
    const cwd = tortureDir();
    server = await startWarden({
      cwd,
      args: ["--config", join(cwd, "torture.json")],
      env: { WARDEN_MONITOR_PROMETHEUS: "true" },
    });
    const headers = await setupAdmin(server);
    const wiring = await wireUp(server, headers);
    const outcome: Outcome = { statuses: new Map(), acknowledged: [], errors: [] };
    stopHogs = starveCpu();
    const stopAt = Date.now() + TORTURE_MS;
    await runLoad(writers(server, headers, outcome, wiring.assignee), () => Date.now() < stopAt);
    wiring.stop();
    stopHogs();
    stopHogs = null;

    const all = [...outcome.statuses.values()].flat();
    expect(all.filter((s) => s >= 500)).toEqual([]);
    expect(outcome.errors).toEqual([]);
    const faults = server.logs.filter((l) =>
      /SQLITE_BUSY|unhandled|uncaught|could not write/.test(JSON.stringify(l)),
    );
    expect(faults).toEqual([]);
    for (const [name, statuses] of outcome.statuses)
      expect({ name, some: statuses.length > 0 }).toEqual({ name, some: true });

    // The rule engine's raises: each queued raise was stored, and the stored counts add up.
    let raised = 0;
    for (let i = 0; i < 50; i++) {
      const waiting =
        (await metricValue(server, headers, 'warden_alert_writes_waiting{where="memory"}')) +
        (await metricValue(server, headers, 'warden_alert_writes_waiting{where="spool"}'));
      raised = await metricValue(server, headers, 'warden_alert_writes_total{result="raised"}');
      if (waiting === 0) break;
      await Bun.sleep(100);
    }
    expect(await metricValue(server, headers, 'warden_alert_writes_total{result="dropped"}')).toBe(0);
    expect(await metricValue(server, headers, "warden_alert_write_failures_total")).toBe(0);
    expect(raised).toBeGreaterThanOrEqual(RULES * 5);
    expect(await server.stop()).toBe(0);
    server = null;

    const db = createClient({ url: `file:${join(cwd, "data", "warden.db")}` });
    try {
      const torture = await db.execute(
        "SELECT count(*) AS alerts FROM alerts WHERE dedup_key LIKE 'rule:torture-%'",
      );
      expect(Number(torture.rows[0]?.alerts)).toBe(RULES);
      // Every raise of every rule (the default new-listening-port rule sees the test's
      // receiver too) is one alert or one more count on it. The engine may raise a last time
      // while stopping; that raise is stored too.
      const counted = await db.execute(
        "SELECT coalesce(sum(count), 0) AS raises FROM alerts WHERE source = 'rule'",
      );
      expect(Number(counted.rows[0]?.raises)).toBeGreaterThanOrEqual(raised);
      expect((await db.execute("PRAGMA integrity_check")).rows[0]?.[0]).toBe("ok");
    } finally {
      db.close();
    }
  }, 90_000);

  test("kill -9 under load, then a restart: every acknowledged write is there with its audit entry", async () => {
    const cwd = tortureDir();
    server = await startWarden({ cwd, args: ["--config", join(cwd, "torture.json")] });
    const headers = await setupAdmin(server);
    const wiring = await wireUp(server, headers);
    const outcome: Outcome = { statuses: new Map(), acknowledged: [], errors: [] };
    stopHogs = starveCpu();
    let killed = false;
    const load = runLoad(writers(server, headers, outcome, wiring.assignee), () => !killed);
    // At least 6 s of load, and on a slow machine until enough writes were acknowledged to
    // make the check below mean something (up to 40 s more).
    await Bun.sleep(6_000);
    for (const until = Date.now() + 40_000; outcome.acknowledged.length <= 30 && Date.now() < until; )
      await Bun.sleep(100);
    server.proc.kill("SIGKILL");
    await server.proc.exited;
    killed = true;
    await load;
    wiring.stop();
    stopHogs();
    stopHogs = null;
    expect([...outcome.statuses.values()].flat().filter((s) => s >= 500)).toEqual([]);
    expect(outcome.acknowledged.length).toBeGreaterThan(20);

    server = await startWarden({ cwd, args: ["--config", join(cwd, "torture.json")] });
    const login = await fetch(`${server.url}/api/v1/auth/login`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ login: "root", password: "faults-password-123" }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const auth = { Authorization: `Bearer ${accessToken}` };
    const missing: string[] = [];
    const unaudited: string[] = [];
    const db = createClient({ url: `file:${join(cwd, "data", "warden.db")}` });
    try {
      for (const { kind, path, id } of outcome.acknowledged) {
        const res = await fetch(`${server.url}${path}`, { headers: auth });
        await res.body?.cancel();
        if (res.status !== 200) missing.push(`${kind} ${id}: ${res.status}`);
        const audit = await db.execute({
          sql: "SELECT count(*) AS n FROM audit_log WHERE resource_id = ?",
          args: [id],
        });
        if (Number(audit.rows[0]?.n) === 0) unaudited.push(`${kind} ${id}`);
      }
      expect((await db.execute("PRAGMA integrity_check")).rows[0]?.[0]).toBe("ok");
    } finally {
      db.close();
    }
    expect(missing).toEqual([]);
    expect(unaudited).toEqual([]);
  }, 90_000);
});
