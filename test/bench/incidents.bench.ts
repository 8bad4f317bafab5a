// The incident list under load: 10,000 incidents in the database, then authenticated
// `GET /api/v1/incidents?pageSize=50` (the first page, newest first, with the total) against
// the binary — closed-loop throughput with bun fetch and wrk (best of rounds), and an
// open-loop run at a fixed 1,000 requests/s for latency percentiles.
// Targets (issue): ≥ 5,000 req/s on a 2-core machine; p99 < 20 ms at 1,000 req/s.
//
//   bun test/bench/incidents.bench.ts [--incidents=10000] [--rate=1000] [--seconds=10] [--no-build]
import { join } from "node:path";
import { createClient } from "@libsql/client";
import { INCIDENT_STATUSES } from "../../src/kit/incident-statuses.ts";
import { SEVERITIES } from "../../src/lib/severity.ts";
import { ensureBinary, intOption, NO_RATE_LIMIT, startSignedInServer } from "./helpers.ts";
import { describe, headline, loadOptions, measure } from "./load.ts";
import { count, figure, heading, ms, printMachine, printRows, runBench, stats } from "./report.ts";

const INCIDENTS = intOption("incidents", "BENCH_INCIDENTS", 10_000);
const RATE = intOption("rate", "BENCH_RATE", 1000);
const SECONDS = intOption("seconds", "BENCH_SECONDS", 10);

/** Inserts `n` incidents straight into the server's database (WAL: the server keeps serving). */
async function seedIncidents(workDir: string, n: number): Promise<void> {
  const client = createClient({ url: `file:${join(workDir, "data", "warden.db")}` });
  const now = Date.now();
  const statements = [];
  for (let i = 0; i < n; i++) {
    const at = now - (n - i) * 60_000;
    statements.push({
      sql: "INSERT INTO incidents (id, title, description, severity, category, status, detected_at, created_at, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
      args: [
        Bun.randomUUIDv7(),
        `Incident ${i}: suspicious activity on host-${i % 250}`,
        `Seen by rule ${i % 40}. **Details** in the timeline.`,
        SEVERITIES[i % SEVERITIES.length] as string,
        ["malware", "phishing", "network", "access"][i % 4] as string,
        INCIDENT_STATUSES[i % INCIDENT_STATUSES.length] as string,
        at,
        at,
        at,
      ],
    });
  }
  for (let i = 0; i < statements.length; i += 1000)
    await client.batch(statements.slice(i, i + 1000), "write");
  client.close();
}

/** Sends `rate` requests a second for `seconds`, each on schedule whatever the answers do; latencies of all. */
async function openLoop(url: string, headers: Record<string, string>, rate: number, seconds: number) {
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  const pending: Promise<void>[] = [];
  const tickMs = 10;
  const perTick = Math.max(1, Math.round((rate * tickMs) / 1000));
  const started = performance.now();
  for (let tick = 0; tick < (seconds * 1000) / tickMs; tick++) {
    const due = started + tick * tickMs;
    const wait = due - performance.now();
    if (wait > 0) await Bun.sleep(wait);
    for (let i = 0; i < perTick; i++) {
      const sent = performance.now();
      pending.push(
        fetch(url, { headers }).then(async (res) => {
          await res.arrayBuffer();
          latencies.push(performance.now() - sent);
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        }),
      );
    }
  }
  await Promise.all(pending);
  const elapsed = (performance.now() - started) / 1000;
  return { latency: stats(latencies), statuses, achieved: latencies.length / elapsed };
}

runBench(async () => {
  const options = loadOptions();
  heading(`incidents list (binary, ${count(INCIDENTS)} incidents, best of ${options.rounds} rounds)`);
  await printMachine();
  await ensureBinary();
  const server = await startSignedInServer("binary", { env: NO_RATE_LIMIT });
  try {
    const seeded = performance.now();
    await seedIncidents(server.workDir, INCIDENTS);
    console.log(`  seeded ${count(INCIDENTS)} incidents in ${ms(performance.now() - seeded)}`);
    const url = `${server.url}/api/v1/incidents?pageSize=50`;
    const check = await (await fetch(url, { headers: server.auth })).json();
    if (check.total !== INCIDENTS || check.items.length !== 50)
      throw new Error(
        `expected ${INCIDENTS} incidents and a page of 50, got ${check.total} / ${check.items.length}`,
      );
    const results = await measure(
      "GET /api/v1/incidents?pageSize=50",
      { url, headers: server.auth },
      server.pid,
      options,
    );
    printRows(results.map(({ label, result }) => [label, describe(result)]));
    for (const { label, result } of results) figure(label, headline(result));

    const open = await openLoop(url, server.auth, RATE, SECONDS);
    const bad = [...open.statuses].filter(([status]) => status !== 200);
    if (bad.length > 0) throw new Error(`open loop: unexpected answers ${JSON.stringify(bad)}`);
    heading(`open loop at ${count(RATE)} req/s for ${SECONDS} s`);
    printRows([
      ["achieved", `${count(open.achieved)} req/s`],
      [
        "latency",
        `p50 ${ms(open.latency.median)} · p90 ${ms(open.latency.p90)} · p99 ${ms(open.latency.p99)} · max ${ms(open.latency.max)}`,
      ],
    ]);
    figure(
      `GET /api/v1/incidents?pageSize=50 at ${count(RATE)} req/s`,
      `p50 ${ms(open.latency.median)} · p99 ${ms(open.latency.p99)}`,
    );
  } finally {
    await server.stop();
  }
});
