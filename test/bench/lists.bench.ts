// Lists at the database's speed: the same varied incident list queries (page or cursor,
// severity, status, sort and text search varied per request, every request a different URL so
// the list cache cannot answer) run side by side in one run
//   (a) through raw @libsql/client: the very SQL statements Warden issues for each query,
//       captured from Warden's own list code through drizzle's logger, replayed with their
//       parameters on a client of the same database file — count, page and cursor lookup for
//       every list;
//   (b) the same, with the totals reused as Warden reuses them (a count statement runs at most
//       once per filter every 10 s, through Warden's own ListCache.count): the same SQL work as
//       Warden does;
//   (c) through Warden's HTTP API (`GET /api/v1/incidents?…`, bearer token) on a real server.
// All with 16 requests in flight; the figure is Warden's throughput as a share of (a) and (b).
// Each round alternates the three in chunks of CHUNK requests, so a change in how busy the
// machine is (other work on it) weighs on all three alike.
// Target (issue 20): ≥ 0.8×.
//
//   bun test/bench/lists.bench.ts [--incidents=5000] [--queries=2000] [--rounds=3] [--no-build] [--dev]
import { createClient, type InStatement } from "@libsql/client";
import { drizzle } from "drizzle-orm/libsql";
import * as schema from "../../src/db/schema/index.ts";
import { systemActor } from "../../src/kit/actor.ts";
import { INCIDENT_STATUSES } from "../../src/kit/incident-statuses.ts";
import { ListCache } from "../../src/kit/list-cache.ts";
import { SEVERITIES } from "../../src/lib/severity.ts";
import { INCIDENT_SORT, incidentQuerySchema, listIncidents } from "../../src/modules/incidents/queries.ts";
import { intOption } from "./helpers.ts";
import { count, figure, heading, ms, printRows, runBench, stats } from "./report.ts";
import { pick, randomOf, VOCABULARY, withSeededServer } from "./seed-records.ts";

const INCIDENTS = intOption("incidents", "BENCH_INCIDENTS", 5_000);
const QUERIES = intOption("queries", "BENCH_QUERIES", 2_000);
const ROUNDS = intOption("rounds", "BENCH_ROUNDS", 3);
const CONCURRENCY = 16;
/** Requests a side runs before the next side takes over, within a round. */
const CHUNK = 250;
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

/** What one side did in a round: its requests, the seconds they took and each one's latency. */
interface Tally {
  requests: number;
  seconds: number;
  latencies: number[];
}

/** Runs `one` over every request with CONCURRENCY in flight, adding to `tally`. */
async function drive(requests: Request[], one: (request: Request) => Promise<void>, tally: Tally) {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < requests.length) {
        const request = requests[next++] as Request;
        const sent = performance.now();
        await one(request);
        tally.latencies.push(performance.now() - sent);
      }
    }),
  );
  tally.seconds += (performance.now() - started) / 1000;
  tally.requests += requests.length;
}

/** An empty tally. */
function tally(): Tally {
  return { requests: 0, seconds: 0, latencies: [] };
}

/** A side's round as a line: lists a second, median and 99th percentile latency. */
function lineOf(tally: Tally): string {
  const latency = stats(tally.latencies);
  return `${count(tally.requests / tally.seconds)} lists/s · p50 ${ms(latency.median)} · p99 ${ms(latency.p99)}`;
}

/** The three sides of the comparison, in the order each chunk runs them. */
const SIDES = ["raw", "rawSameWork", "warden"] as const;
type Side = (typeof SIDES)[number];

const LABELS: Record<Side, string> = {
  raw: "raw libSQL, every count",
  rawSameWork: "raw libSQL, counts reused as Warden does",
  warden: "Warden HTTP",
};

runBench(async () => {
  heading(
    `incident lists, raw libSQL vs Warden (${DEV ? "dev server" : "binary"}, ${count(INCIDENTS)} incidents, ${count(QUERIES)} distinct queries, ${CONCURRENCY} in flight)`,
  );
  await withSeededServer(
    DEV,
    {
      incidents: INCIDENTS,
      alerts: INCIDENTS,
      assets: INCIDENTS / 5,
      vulnerabilities: INCIDENTS / 2,
    },
    `${count(INCIDENTS)} incidents and other kinds`,
    async (server, file) => {
      // Each round gets its own URLs, so no round is answered from an earlier round's cache.
      const all = await prepare(file, QUERIES * ROUNDS);
      const rounds = Array.from({ length: ROUNDS }, (_, r) => all.slice(QUERIES * r, QUERIES * (r + 1)));
      const statements = rounds.flat().reduce((sum, r) => sum + r.statements.length, 0) / (QUERIES * ROUNDS);
      console.log(`  ${statements.toFixed(2)} statements per list request`);

      // A connection per raw side, as Warden has its own: none reads pages another just cached.
      const raw = createClient({ url: `file:${file}` });
      const rawToo = createClient({ url: `file:${file}` });
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
      // The totals as Warden has them: each filter's count statement through a ListCache of its own.
      const totals = new ListCache<never>(undefined, "incidents");
      const sameWork = async (request: Request) => {
        for (const statement of request.statements) {
          const text = typeof statement === "string" ? statement : statement.sql;
          if (/^select count\(/i.test(text))
            await totals.count(JSON.stringify(statement), () => rawToo.execute(statement).then(() => 0));
          else await rawToo.execute(statement);
        }
      };
      const run: Record<Side, (request: Request) => Promise<void>> = {
        raw: sql,
        rawSameWork: sameWork,
        warden: api,
      };
      const warmUp = rounds[0]?.slice(0, 200) ?? [];
      for (const side of SIDES) await drive(warmUp, run[side], tally());
      const results: Record<Side, Tally[]> = { raw: [], rawSameWork: [], warden: [] };
      for (const requests of rounds) {
        const tallies: Record<Side, Tally> = { raw: tally(), rawSameWork: tally(), warden: tally() };
        for (let at = 0, turn = 0; at < requests.length; at += CHUNK, turn++) {
          // Each chunk starts with the next side, so none is always first or last.
          const order = SIDES.map((_, i) => SIDES[(i + turn) % SIDES.length] as Side);
          for (const side of order) await drive(requests.slice(at, at + CHUNK), run[side], tallies[side]);
        }
        for (const side of SIDES) results[side].push(tallies[side]);
      }
      raw.close();
      rawToo.close();
      const perSecond = (t: Tally) => t.requests / t.seconds;
      // Each round's sides ran in the same minutes: their ratio is the figure, its median the headline.
      const ratios = (to: Side) =>
        results.warden.map((w, i) => perSecond(w) / perSecond(results[to][i] as Tally)).sort((a, b) => a - b);
      const median = (values: number[]) => values[Math.floor(values.length / 2)] ?? Number.NaN;
      printRows([
        ...SIDES.flatMap((side) =>
          results[side].map((r, i): [string, string] => [`${LABELS[side]}, round ${i + 1}`, lineOf(r)]),
        ),
        ...results.warden.map((w, i): [string, string] => [
          `Warden ÷ raw, round ${i + 1}`,
          `${(perSecond(w) / perSecond(results.raw[i] as Tally)).toFixed(2)}× same statements · ${(perSecond(w) / perSecond(results.rawSameWork[i] as Tally)).toFixed(2)}× same SQL work`,
        ]),
      ]);
      for (const side of SIDES) {
        const best = results[side].reduce((a, b) => (perSecond(b) > perSecond(a) ? b : a));
        figure(`incident lists, varied queries: ${LABELS[side]} (best round)`, lineOf(best));
      }
      figure("Warden ÷ raw libSQL, same statements (median round)", `${median(ratios("raw")).toFixed(2)}×`);
      figure(
        "Warden ÷ raw libSQL, same SQL work (median round)",
        `${median(ratios("rawSameWork")).toFixed(2)}×`,
      );
    },
  );
});
