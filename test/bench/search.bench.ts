// Search across everything: 100,000 records of four kinds (incidents, alerts, assets,
// vulnerabilities) in the one FTS5 index, then two-word queries (words drawn from the text the
// records were written from, so most queries match hundreds of records that BM25 must rank)
// through `GET /api/v1/search?q=` on a real server, one at a time: latency percentiles.
// Target (issue 20): p95 < 20 ms.
//
//   bun test/bench/search.bench.ts [--records=100000] [--queries=500] [--no-build] [--dev]
import { ensureBinary, intOption, NO_RATE_LIMIT, startSignedInServer } from "./helpers.ts";
import {
  count,
  figure,
  heading,
  ms,
  percentile,
  printMachine,
  printRows,
  runBench,
  stats,
} from "./report.ts";
import { databaseOf, pick, randomOf, seedRecords, VOCABULARY } from "./seed-records.ts";

const RECORDS = intOption("records", "BENCH_RECORDS", 100_000);
const QUERIES = intOption("queries", "BENCH_QUERIES", 500);
const DEV = process.argv.includes("--dev");

runBench(async () => {
  heading(
    `search (${DEV ? "dev server" : "binary"}, ${count(RECORDS)} records, ${count(QUERIES)} two-word queries)`,
  );
  await printMachine();
  if (!DEV) await ensureBinary();
  const server = await startSignedInServer(DEV ? "dev" : "binary", { env: NO_RATE_LIMIT });
  try {
    const seeded = performance.now();
    await seedRecords(databaseOf(server.workDir), {
      incidents: RECORDS / 4,
      alerts: (RECORDS * 2) / 5,
      assets: RECORDS / 10,
      vulnerabilities: RECORDS / 4,
    });
    console.log(`  seeded ${count(RECORDS)} records in ${ms(performance.now() - seeded)}`);
    const random = randomOf(11);
    const queries = Array.from(
      { length: QUERIES },
      () => `${pick(VOCABULARY, random)} ${pick(VOCABULARY, random)}`,
    );
    const headers = { ...server.auth, "Accept-Encoding": "identity" };
    const search = async (q: string) => {
      const res = await fetch(`${server.url}/api/v1/search?q=${encodeURIComponent(q)}`, { headers });
      if (res.status !== 200) throw new Error(`search ${q}: ${res.status} ${await res.text()}`);
      return (await res.json()) as { hits: unknown[] };
    };
    for (const q of queries.slice(0, 20)) await search(q);
    const latencies: number[] = [];
    let hits = 0;
    for (const q of queries) {
      const sent = performance.now();
      hits += (await search(q)).hits.length;
      latencies.push(performance.now() - sent);
    }
    const s = stats(latencies);
    const p95 = percentile(
      [...latencies].sort((a, b) => a - b),
      95,
    );
    printRows([
      ["hits per query", (hits / QUERIES).toFixed(1)],
      ["latency", `p50 ${ms(s.median)} · p95 ${ms(p95)} · p99 ${ms(s.p99)} · max ${ms(s.max)}`],
    ]);
    figure(
      `GET /api/v1/search, two words, ${count(RECORDS)} records`,
      `p50 ${ms(s.median)} · p95 ${ms(p95)}`,
    );
  } finally {
    await server.stop();
  }
});
