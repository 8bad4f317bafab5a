// Notifications under load, against the binary: what an event with outgoing channels costs
// the request that causes it, and how fast the outbox drains.
// 1. `POST /api/v1/incidents` assigning someone else (a notification row, a bus event, and
//    for every subscribed webhook an outbox row), sequential: latency percentiles with no
//    webhook, with 3 webhooks to a port where nothing listens, and with 3 webhooks to a
//    receiver that takes 2 s to answer — the channel must not show in the request.
// 2. The outbox keeping up: N events × 3 webhooks to a local receiver answering at once —
//    how long after the last request the last call arrives, and the calls per second end to end.
//
//   bun test/bench/notifications.bench.ts [--requests=300] [--no-build]
import {
  ensureBinary,
  intOption,
  NO_RATE_LIMIT,
  type SignedInServer,
  startSignedInServer,
} from "./helpers.ts";
import { count, figure, heading, ms, printMachine, printRows, runBench, stats } from "./report.ts";

const REQUESTS = intOption("requests", "BENCH_NOTIFY_REQUESTS", 300);
const EVENTS = ["incident.created", "incident.assigned"];

async function call(server: SignedInServer, path: string, body: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${server.url}/api/v1${path}`, {
    method: "POST",
    headers: { ...server.auth, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`POST ${path} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}

/** Sequential incident creations assigned to `assignee`; the latency of each, in ms. */
async function createIncidents(server: SignedInServer, assignee: string, n: number): Promise<number[]> {
  const latencies: number[] = [];
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    await call(server, "/incidents", {
      title: `Bench incident ${i}`,
      severity: "medium",
      assignedTo: assignee,
    });
    latencies.push(performance.now() - started);
  }
  return latencies;
}

async function addWebhooks(server: SignedInServer, url: string, n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const hook = await call(server, "/integrations/webhooks", {
      name: `bench ${url} ${i}`,
      url,
      secret: "bench-secret-0123456789",
      events: EVENTS,
    });
    ids.push(String(hook.id));
  }
  return ids;
}

async function disable(server: SignedInServer, ids: string[]): Promise<void> {
  for (const id of ids)
    await fetch(`${server.url}/api/v1/integrations/webhooks/${id}`, {
      method: "PATCH",
      headers: { ...server.auth, "Content-Type": "application/json" },
      body: JSON.stringify({ enabled: false }),
    });
}

runBench(async () => {
  await ensureBinary();
  heading(`notifications (binary, ${count(REQUESTS)} sequential requests per case)`);
  await printMachine();
  const server = await startSignedInServer("binary", {
    env: {
      ...NO_RATE_LIMIT,
      WARDEN_NOTIFICATIONS_CONCURRENCY: "8",
      WARDEN_NOTIFICATIONS_TIMEOUTMS: "5000",
      WARDEN_NOTIFICATIONS_BACKOFFBASEMS: "60000",
      WARDEN_WEBHOOKS_ALLOWEDTARGETS: "127.0.0.0/8",
    },
  });
  let received = 0;
  const fast = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    fetch: async (req) => {
      await req.arrayBuffer();
      received++;
      return new Response(null, { status: 204 });
    },
  });
  const slow = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    idleTimeout: 30,
    fetch: async () => {
      await Bun.sleep(2000);
      return new Response(null, { status: 204 });
    },
  });
  try {
    const person = await call(server, "/users", {
      email: "assignee@example.test",
      username: "assignee",
      displayName: "Assignee",
      role: "analyst",
      password: "assignee-password-123",
    });
    const assignee = String(person.id);
    const rows: [string, string][] = [];
    const cases: [string, string | null][] = [
      ["no webhook", null],
      ["3 webhooks, endpoint down", "http://127.0.0.1:9/down"],
      ["3 webhooks, receiver answering in 2 s", `http://127.0.0.1:${slow.port}/slow`],
    ];
    for (const [label, url] of cases) {
      const hooks = url ? await addWebhooks(server, url, 3) : [];
      const s = stats(await createIncidents(server, assignee, REQUESTS));
      rows.push([label, `p50 ${ms(s.median)} · p90 ${ms(s.p90)} · p99 ${ms(s.p99)} · max ${ms(s.max)}`]);
      figure(`incident create + notify, ${label} (p50 / p99)`, `${ms(s.median)} / ${ms(s.p99)}`);
      await disable(server, hooks);
    }
    heading("request latency (POST /api/v1/incidents, assigned to someone else)");
    printRows(rows);

    await addWebhooks(server, `http://127.0.0.1:${fast.port}/fast`, 3);
    const expected = REQUESTS * EVENTS.length * 3;
    const started = performance.now();
    await createIncidents(server, assignee, REQUESTS);
    const queuedMs = performance.now() - started;
    while (received < expected && performance.now() - started < 120_000) await Bun.sleep(10);
    const drainedMs = performance.now() - started;
    heading("outbox drain (3 webhooks × 2 events per incident, receiver answering at once)");
    printRows([
      ["calls expected / received", `${count(expected)} / ${count(received)}`],
      ["requests done after", ms(queuedMs)],
      ["last call received after", ms(drainedMs)],
      ["lag behind the last request", ms(drainedMs - queuedMs)],
      ["calls delivered end to end", `${count(Math.round((received / drainedMs) * 1000))} calls/s`],
    ]);
    figure("webhook outbox lag behind the last of the requests", ms(drainedMs - queuedMs));
  } finally {
    fast.stop(true);
    slow.stop(true);
    await server.stop();
  }
});
