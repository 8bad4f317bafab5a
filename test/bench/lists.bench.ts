// Lists at the database's speed: the same varied incident list queries (page or cursor,
// severity, status, sort and text search varied per request, every request a different URL so
// the list cache cannot answer) run side by side in one run
//   (a) through raw @libsql/client: the very SQL statements Warden issues for each query,
//       captured from Warden's own list code through drizzle's logger, replayed with their
//       parameters on a client of the same database file;
//   (b) through Warden's HTTP API (`GET /api/v1/incidents?…`, bearer token) on a real server.
// Both with 16 requests in flight; the figure is Warden's throughput as a share of raw libSQL's.
// Target (issue 20): ≥ 0.8×.
//
//   bun test/bench/lists.bench.ts [--incidents=5000] [--queries=2000] [--rounds=3] [--no-build] [--dev]
import { createClient, type InStatement } from "@libsql/client";
import { drizzle } from "drizzle-orm/libsql";
import * as schema from "../../src/db/schema/index.ts";
import { systemActor } from "../../src/kit/actor.ts";
import { INCIDENT_STATUSES } from "../../src/kit/incident-statuses.ts";
import { SEVERITIES } from "../../src/lib/severity.ts";
import { INCIDENT_SORT, incidentQuerySchema, listIncidents } from "../../src/modules/incidents/queries.ts";
import { ensureBinary, intOption, NO_RATE_LIMIT, startSignedInServer } from "./helpers.ts";
import { count, figure, heading, ms, printMachine, printRows, runBench, stats } from "./report.ts";
import { databaseOf, pick, randomOf, seedRecords, VOCABULARY } from "./seed-records.ts";

const INCIDENTS = intOption("incidents", "BENCH_INCIDENTS", 5_000);
const QUERIES = intOption("queries", "BENCH_QUERIES", 2_000);
const ROUNDS = intOption("rounds", "BENCH_ROUNDS", 3);
const CONCURRENCY = 16;
const DEV = process.argv.includes("--dev");

/** One list request: its query string and the SQL Warden runs for it. */
interface Request {
  search: string;
  statements: InStatement[];
}

/** Warden itself reads while capturing (no permission table in this process; the server checks the admin's). */
const ADMIN = systemActor("bench");

/** The query parameters of request `i`: everything varied, about a quarter with a word to find. */
function paramsOf(random: () => number): Record<string, string> {
  const params: Record<string, string> = { pageSize: "50" };
  const key = pick(INCIDENT_SORT, random);
  params.sort = random() < 0.5 ? `-${key}` : key;
  if (random() < 0.6) params.severity = pick(SEVERITIES, random);
  if (random() < 0.4) params.status = pick(INCIDENT_STATUSES, random);
  if (random() < 0.25) params.q = pick(VOCABULARY, random);
  if (random() < 0.5) params.page = String(1 + Math.floor(random() * 4));
  return params;
}

/**
 * The requests of one run: each one's query (with a real `cursor` for about half of them, the
 * `nextCursor` of that filter's first page) and the statements Warden's list code issues for it.
 */
async function prepare(file: string, n: number): Promise<Request[]> {
  let log: InStatement[] | undefined;
  const client = createClient({ url: `file:${file}` });
  const db = drizzle(client, {
    schema,
    logger: { logQuery: (sql, params) => log?.push({ sql, args: params as never }) },
  });
  const random = randomOf(7);
  const requests: Request[] = [];
  const seen = new Set<string>();
  while (requests.length < n) {
    const params = paramsOf(random);
    if (!params.page && random() < 0.9) {
      const first = await listIncidents({ db }, ADMIN, incidentQuerySchema.parse(params));
      if (first.nextCursor) params.cursor = first.nextCursor;
    }
    const search = new URLSearchParams(params).toString();
    // Every URL once: a repeated one would be answered by the list cache.
    if (seen.has(search)) continue;
    seen.add(search);
    log = [];
    await listIncidents({ db }, ADMIN, incidentQuerySchema.parse(params));
    requests.push({ search, statements: log });
    log = undefined;
  }
  client.close();
  return requests;
}

/** Runs `one` over every request with CONCURRENCY in flight: requests a second and latencies. */
async function drive(requests: Request[], one: (request: Request) => Promise<void>) {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < requests.length) {
        const request = requests[next++] as Request;
        const sent = performance.now();
        await one(request);
        latencies.push(performance.now() - sent);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { perSecond: requests.length / seconds, latency: stats(latencies) };
}

runBench(async () => {
  heading(
    `incident lists, raw libSQL vs Warden (${DEV ? "dev server" : "binary"}, ${count(INCIDENTS)} incidents, ${count(QUERIES)} distinct queries, ${CONCURRENCY} in flight)`,
  );
  await printMachine();
  if (!DEV) await ensureBinary();
  const server = await startSignedInServer(DEV ? "dev" : "binary", { env: NO_RATE_LIMIT });
  try {
    const file = databaseOf(server.workDir);
    const seeded = performance.now();
    await seedRecords(file, {
      incidents: INCIDENTS,
      alerts: INCIDENTS,
      assets: INCIDENTS / 5,
      vulnerabilities: INCIDENTS / 2,
    });
    console.log(
      `  seeded ${count(INCIDENTS)} incidents and other kinds in ${ms(performance.now() - seeded)}`,
    );
    // Each round gets its own URLs, so no round is answered from an earlier round's cache.
    const all = await prepare(file, QUERIES * ROUNDS);
    const rounds = Array.from({ length: ROUNDS }, (_, r) => all.slice(QUERIES * r, QUERIES * (r + 1)));
    const statements = rounds.flat().reduce((sum, r) => sum + r.statements.length, 0) / (QUERIES * ROUNDS);
    console.log(`  ${statements.toFixed(2)} statements per list request`);

    const raw = createClient({ url: `file:${file}` });
    // Uncompressed, as autocannon and wrk ask: the raw side does not compress either.
    const plain = { ...server.auth, "Accept-Encoding": "identity" };
    const api = (request: Request) =>
      fetch(`${server.url}/api/v1/incidents?${request.search}`, { headers: plain }).then(async (res) => {
        if (res.status !== 200) throw new Error(`${request.search}: ${res.status} ${await res.text()}`);
        await res.arrayBuffer();
      });
    const sql = async (request: Request) => {
      for (const statement of request.statements) await raw.execute(statement);
    };
    await drive(rounds[0]?.slice(0, 200) ?? [], sql);
    await drive(rounds[0]?.slice(0, 200) ?? [], api);
    const results = {
      raw: [] as Awaited<ReturnType<typeof drive>>[],
      warden: [] as Awaited<ReturnType<typeof drive>>[],
    };
    for (const requests of rounds) {
      results.raw.push(await drive(requests, sql));
      results.warden.push(await drive(requests, api));
    }
    raw.close();
    const best = (list: Awaited<ReturnType<typeof drive>>[]) =>
      list.reduce((a, b) => (b.perSecond > a.perSecond ? b : a));
    const rawBest = best(results.raw);
    const wardenBest = best(results.warden);
    const line = (r: Awaited<ReturnType<typeof drive>>) =>
      `${count(r.perSecond)} lists/s · p50 ${ms(r.latency.median)} · p99 ${ms(r.latency.p99)}`;
    printRows([
      ...results.raw.map((r, i): [string, string] => [`raw libSQL, round ${i + 1}`, line(r)]),
      ...results.warden.map((r, i): [string, string] => [`Warden HTTP, round ${i + 1}`, line(r)]),
    ]);
    figure("incident lists, varied queries: raw libSQL (best round)", line(rawBest));
    figure("incident lists, varied queries: Warden HTTP API (best round)", line(wardenBest));
    figure("Warden ÷ raw libSQL, same queries", `${(wardenBest.perSecond / rawBest.perSecond).toFixed(2)}×`);
  } finally {
    await server.stop();
  }
});
