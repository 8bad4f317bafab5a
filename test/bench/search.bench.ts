// Search across everything: 100,000 records of four kinds (incidents, alerts, assets,
// vulnerabilities) in the one FTS5 index, then two-word queries (words drawn from the text the
// records were written from, so most queries match thousands of records that BM25 must rank),
// one at a time, each query three ways in turn (so other work on the machine weighs on all
// three alike):
//   (a) raw @libsql/client, the one FTS5 statement that answers it (every word a prefix,
//       highlight, snippet, BM25 with titles weighing more, 20 hits): Warden's query before;
//   (b) raw @libsql/client, the very statements Warden issues for it, captured from Warden's
//       own search code through drizzle's logger and replayed on a client of the same file;
//   (c) `GET /api/v1/search?q=` on a real server (bearer token, no compression).
// Latency percentiles of each, and CPU time a query (the bench's own process for (a) and (b),
// the server's for (c), from /proc in 10 ms ticks, so only its mean over the run means much).
// Target (issue 20): p95 of (c) < 20 ms.
//
//   bun test/bench/search.bench.ts [--records=100000] [--queries=500] [--no-build] [--dev]
import { readFileSync } from "node:fs";
import { createClient, type InStatement } from "@libsql/client";
import { drizzle } from "drizzle-orm/libsql";
import * as schema from "../../src/db/schema/index.ts";
import { systemActor } from "../../src/kit/actor.ts";
import { ftsQueryOf, searchQuerySchema, searchRecords } from "../../src/kit/search.ts";
import { MODULES } from "../../src/modules/index.ts";
import { intOption } from "./helpers.ts";
import {
  busyBetween,
  count,
  figure,
  heading,
  ms,
  percentile,
  printRows,
  readSystemCpu,
  runBench,
} from "./report.ts";
import { pick, randomOf, VOCABULARY, withSeededServer } from "./seed-records.ts";

const RECORDS = intOption("records", "BENCH_RECORDS", 100_000);
const QUERIES = intOption("queries", "BENCH_QUERIES", 500);
const DEV = process.argv.includes("--dev");

/** The one statement of (a): what a search costs in FTS5 alone, written the plain way. */
const ONE_STATEMENT = `SELECT kind, record_id, highlight(search_index, 2, '<mark>', '</mark>'),
  snippet(search_index, 3, '<mark>', '</mark>', '…', 12), updated FROM search_index
  WHERE search_index MATCH ? ORDER BY bm25(search_index, 0.0, 0.0, 10.0, 1.0, 0.0) LIMIT 20`;

/** The statements Warden's search issues for each of `queries` (as the admin: every kind). */
async function captured(file: string, queries: string[]): Promise<InStatement[][]> {
  let log: InStatement[] = [];
  const client = createClient({ url: `file:${file}` });
  const db = drizzle(client, {
    schema,
    logger: { logQuery: (sql, params) => log.push({ sql, args: params as never }) },
  });
  const sources = MODULES.flatMap((module) => module.search ?? []);
  const statements: InStatement[][] = [];
  for (const q of queries) {
    log = [];
    await searchRecords(db, sources, systemActor("bench"), searchQuerySchema.parse({ q }));
    statements.push(log);
  }
  client.close();
  return statements;
}

/** User plus system CPU milliseconds process `pid` has used so far (Linux /proc; NaN elsewhere). */
function cpuMsOf(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return Number.NaN;
  }
}

/** `p50 · p95 · p99 · max` of `latencies`. */
function percentiles(latencies: number[]): string {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (p: number) => ms(percentile(sorted, p));
  return `p50 ${at(50)} · p95 ${at(95)} · p99 ${at(99)} · max ${ms(sorted.at(-1) ?? Number.NaN)}`;
}

runBench(async () => {
  heading(
    `search, raw libSQL vs Warden (${DEV ? "dev server" : "binary"}, ${count(RECORDS)} records, ${count(QUERIES)} two-word queries)`,
  );
  await withSeededServer(
    DEV,
    {
      incidents: RECORDS / 4,
      alerts: (RECORDS * 2) / 5,
      assets: RECORDS / 10,
      vulnerabilities: RECORDS / 4,
    },
    `${count(RECORDS)} records`,
    async (server, file) => {
      const random = randomOf(11);
      const queries = Array.from(
        { length: QUERIES },
        () => `${pick(VOCABULARY, random)} ${pick(VOCABULARY, random)}`,
      );
      const statements = await captured(file, queries);
      const perQuery = statements.reduce((sum, list) => sum + list.length, 0) / QUERIES;
      console.log(`  Warden issues ${perQuery.toFixed(2)} statements per search`);

      const raw = createClient({ url: `file:${file}` });
      const headers = { ...server.auth, "Accept-Encoding": "identity" };
      let hits = 0;
      const ways: [string, (i: number) => Promise<void>][] = [
        [
          "(a) raw libSQL, one FTS5 statement",
          async (i) => {
            await raw.execute({ sql: ONE_STATEMENT, args: [ftsQueryOf(queries[i] as string)] });
          },
        ],
        [
          "(b) raw libSQL, Warden's statements",
          async (i) => {
            for (const statement of statements[i] ?? []) await raw.execute(statement);
          },
        ],
        [
          "(c) Warden, GET /api/v1/search",
          async (i) => {
            const q = encodeURIComponent(queries[i] as string);
            const res = await fetch(`${server.url}/api/v1/search?q=${q}`, { headers });
            if (res.status !== 200) throw new Error(`search ${q}: ${res.status} ${await res.text()}`);
            hits += ((await res.json()) as { hits: unknown[] }).hits.length;
          },
        ],
      ];
      for (let i = 0; i < 20; i++) for (const [, run] of ways) await run(i);
      hits = 0;
      const latencies = ways.map((): number[] => []);
      // CPU time weighs less on other work than latency does: this process's for (a) and (b), the server's for (c).
      const cpu = ways.map(() => 0);
      const machineBefore = readSystemCpu();
      for (let i = 0; i < QUERIES; i++)
        for (const [w, [, run]] of ways.entries()) {
          const cpuBefore = w === 2 ? cpuMsOf(server.pid) : 0;
          const usage = process.cpuUsage();
          const sent = performance.now();
          await run(i);
          latencies[w]?.push(performance.now() - sent);
          const used = process.cpuUsage(usage);
          cpu[w] =
            (cpu[w] ?? 0) + (w === 2 ? cpuMsOf(server.pid) - cpuBefore : (used.user + used.system) / 1000);
        }
      const busy = busyBetween(machineBefore, readSystemCpu());
      raw.close();
      printRows([
        ["hits per query", (hits / QUERIES).toFixed(1)],
        ...ways.map(([name], w): [string, string] => [
          name,
          `${percentiles(latencies[w] ?? [])} · CPU ${ms((cpu[w] ?? 0) / QUERIES)} a query`,
        ]),
        ["machine CPU busy during the run", `${(busy * 100).toFixed(0)}% (all cores, this bench included)`],
      ]);
      const sorted = [...(latencies[2] ?? [])].sort((a, b) => a - b);
      figure(
        `GET /api/v1/search, two words, ${count(RECORDS)} records`,
        `p50 ${ms(percentile(sorted, 50))} · p95 ${ms(percentile(sorted, 95))}`,
      );
    },
  );
});
