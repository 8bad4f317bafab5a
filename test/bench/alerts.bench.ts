// What raising SOC alerts costs, in process on a fresh migrated libSQL file database (WAL):
//
//   bun test/bench/alerts.bench.ts [--raises=2000] [--keys=20] [--concurrency=20]
//
// (a) `raiseAlert` as a rule calls it, one after the other: `raises` raises spread over `keys`
//     dedup keys (after the first raise of a key every one is the atomic upsert that counts
//     on the open alert), then `raises` raises without a key (each a new alert, audited).
// (b) `POST /api/v1/soc/alerts` through the whole app stack (auth, validation, problem
//     mapping) with `concurrency` requests in flight on one key.
// Each phase checks its outcome (one alert per key with the exact count) and prints the rate
// and the latency per raise. No figure fails the run; a wrong count does.
import { systemActor } from "../../src/kit/actor.ts";
import { raiseAlert } from "../../src/modules/soc/alert-raising.ts";
import { createTestApp, jsonInit } from "../helpers/app.ts";
import { intOption } from "./helpers.ts";
import { figure, heading, ms, printMachine, printRows, runBench, stats } from "./report.ts";

const RAISES = intOption("raises", "BENCH_ALERT_RAISES", 2000);
const KEYS = intOption("keys", "BENCH_ALERT_KEYS", 20);
const CONCURRENCY = intOption("concurrency", "BENCH_ALERT_CONCURRENCY", 20);

async function timed(n: number, one: (i: number) => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    await one(i);
    times.push(performance.now() - start);
  }
  return times;
}

function report(label: string, times: number[]): void {
  const s = stats(times);
  const total = times.reduce((sum, t) => sum + t, 0);
  printRows([
    ["raises", String(s.n)],
    ["rate", `${Math.round((s.n / total) * 1000)} /s`],
    ["median", ms(s.median)],
    ["p90", ms(s.p90)],
    ["p99", ms(s.p99)],
  ]);
  figure(label, `${Math.round((s.n / total) * 1000)} raises/s, median ${ms(s.median)}, p99 ${ms(s.p99)}`);
}

runBench(async () => {
  await printMachine();
  const t = await createTestApp({ rateLimit: { enabled: false } });
  try {
    const deps = { db: t.database.db, bus: t.bus };
    const actor = systemActor("bench");

    heading(`raiseAlert with ${KEYS} dedup keys (upserts), sequential`);
    const deduped = await timed(RAISES, (i) =>
      raiseAlert(
        deps,
        { title: `Rule ${i % KEYS}`, severity: "high", source: "rule", dedupKey: `bench:${i % KEYS}` },
        actor,
      ),
    );
    const rows = await t.database.client.execute("SELECT count(*) AS n, sum(count) AS total FROM alerts");
    const [row] = rows.rows;
    if (Number(row?.n) !== KEYS || Number(row?.total) !== RAISES)
      throw new Error(`expected ${KEYS} alerts counting ${RAISES}, got ${row?.n} counting ${row?.total}`);
    report("alert raise, dedup upsert (service)", deduped);

    heading("raiseAlert without a key (new alert each, audited), sequential");
    report(
      "alert raise, new alert (service)",
      await timed(RAISES, (i) =>
        raiseAlert(deps, { title: `New ${i}`, severity: "low", source: "api" }, actor),
      ),
    );

    heading(`POST /api/v1/soc/alerts, one key, ${CONCURRENCY} in flight`);
    const token = await t.tokenFor("analyst");
    const headers = { Authorization: `Bearer ${token}` };
    const times: number[] = [];
    const started = performance.now();
    for (let sent = 0; sent < RAISES; sent += CONCURRENCY) {
      const batch = Array.from({ length: Math.min(CONCURRENCY, RAISES - sent) }, async () => {
        const start = performance.now();
        const res = await t.app.request(
          "/api/v1/soc/alerts",
          jsonInit({ title: "HTTP burst", severity: "medium", dedupKey: "bench:http" }, "POST", headers),
        );
        if (res.status !== 200 && res.status !== 201) throw new Error(`raise answered ${res.status}`);
        await res.arrayBuffer();
        times.push(performance.now() - start);
      });
      await Promise.all(batch);
    }
    const wall = performance.now() - started;
    const http = await t.database.client.execute("SELECT count FROM alerts WHERE dedup_key = 'bench:http'");
    if (http.rows.length !== 1 || Number(http.rows[0]?.count) !== RAISES)
      throw new Error(`expected one alert counting ${RAISES}, got ${JSON.stringify(http.rows)}`);
    const s = stats(times);
    printRows([
      ["requests", String(s.n)],
      ["rate", `${Math.round((s.n / wall) * 1000)} /s`],
      ["median", ms(s.median)],
      ["p99", ms(s.p99)],
    ]);
    figure(
      `alert raise over HTTP, ${CONCURRENCY} in flight on one key`,
      `${Math.round((s.n / wall) * 1000)} req/s, median ${ms(s.median)}, p99 ${ms(s.p99)}`,
    );
  } finally {
    t.close();
  }
});
