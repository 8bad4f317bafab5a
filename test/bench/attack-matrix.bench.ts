// The ATT&CK matrix page under a busy SOC, in process through the whole app stack:
//
//   bun test/bench/attack-matrix.bench.ts [--alerts=10000] [--renders=30]
//
// The shipped ATT&CK subset is imported, then 10,000 alerts over the last 90 days, each
// naming one to three techniques (a quarter of them popular ones, so the colours spread),
// are written straight to the database. Then `GET /threats/matrix?days=N` is rendered
// (full page, 7/30/90 days) and `GET /api/v1/threats/matrix?days=90` answered, each
// `--renders` times. Prints the median and p90 server time and the HTML size; the target of
// issue 19 is < 200 ms with 10,000 alerts. No figure fails the run.
import { alerts } from "../../src/modules/soc/alerts-schema.ts";
import { attackTechniques } from "../../src/modules/threats/attack-schema.ts";
import { techniqueLinks } from "../../src/modules/threats/links-schema.ts";
import { ensureAttackCatalog } from "../../src/modules/threats/shipped-catalog.ts";
import { createTestApp, type TestApp } from "../helpers/app.ts";
import { intOption } from "./helpers.ts";
import { figure, heading, ms, printMachine, printRows, runBench, stats } from "./report.ts";

const ALERTS = intOption("alerts", "BENCH_MATRIX_ALERTS", 10_000);
const RENDERS = intOption("renders", "BENCH_MATRIX_RENDERS", 30);
const DAY = 86_400_000;

/** Writes `n` alerts over the last 90 days, each naming 1–3 techniques, in batches. */
async function seedAlerts(t: TestApp, n: number): Promise<number> {
  const techniques = (await t.database.db.select({ id: attackTechniques.id }).from(attackTechniques)).map(
    (r) => r.id,
  );
  const popular = techniques.slice(0, 40);
  const now = Date.now();
  let links = 0;
  for (let start = 0; start < n; start += 500) {
    const rows: (typeof alerts.$inferInsert)[] = [];
    const named: (typeof techniqueLinks.$inferInsert)[] = [];
    for (let i = start; i < Math.min(n, start + 500); i++) {
      const at = now - Math.floor(((i * 7919) % 90_000) / 1000) * DAY - (i % 1000) * 1000;
      const id = Bun.randomUUIDv7();
      rows.push({
        id,
        title: `Bench alert ${i}`,
        severity: (["low", "medium", "high", "critical"] as const)[i % 4] ?? "low",
        source: "api" as const,
        firstSeen: at,
        lastSeen: at,
        createdAt: at,
        updatedAt: at,
      });
      const pick = new Set<string>();
      for (let k = 0; k <= i % 3; k++) {
        const pool = (i + k) % 4 === 0 ? popular : techniques;
        pick.add(pool[(i * 31 + k * 17) % pool.length] as string);
      }
      for (const techniqueId of pick) named.push({ kind: "alert" as const, recordId: id, techniqueId, at });
    }
    links += named.length;
    await t.database.db.transaction(async (tx) => {
      await tx.insert(alerts).values(rows);
      for (let i = 0; i < named.length; i += 300)
        await tx.insert(techniqueLinks).values(named.slice(i, i + 300));
    });
  }
  return links;
}

async function measure(t: TestApp, token: string, path: string) {
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < RENDERS + 2; i++) {
    const started = performance.now();
    const res = await t.app.request(path, { headers: { Authorization: `Bearer ${token}` } });
    const body = await res.arrayBuffer();
    // The first two warm the caches and the JIT.
    if (i >= 2) times.push(performance.now() - started);
    if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}`);
    bytes = body.byteLength;
  }
  return { ...stats(times), bytes };
}

runBench(async () => {
  await printMachine();
  const t = await createTestApp({ rateLimit: { enabled: false } });
  try {
    await ensureAttackCatalog({ db: t.database.db });
    const seeded = performance.now();
    const links = await seedAlerts(t, ALERTS);
    heading(
      `ATT&CK matrix: ${ALERTS.toLocaleString("en")} alerts naming ${links.toLocaleString("en")} techniques`,
    );
    printRows([["seeded in", ms(performance.now() - seeded)]]);
    const token = await t.tokenFor("viewer");
    for (const days of [7, 30, 90]) {
      const r = await measure(t, token, `/threats/matrix?days=${days}`);
      const line = `median ${ms(r.median)}, p90 ${ms(r.p90)}, ${(r.bytes / 1024).toFixed(0)} KiB`;
      printRows([[`GET /threats/matrix?days=${days}`, line]]);
      if (days === 90) figure(`ATT&CK matrix page, ${ALERTS.toLocaleString("en")} alerts, 90 days`, line);
    }
    const api = await measure(t, token, "/api/v1/threats/matrix?days=90");
    printRows([["GET /api/v1/threats/matrix?days=90", `median ${ms(api.median)}, p90 ${ms(api.p90)}`]]);
  } finally {
    await t.close();
  }
});
