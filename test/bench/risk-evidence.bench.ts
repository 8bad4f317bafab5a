// The evidence-based likelihood suggestion of a risk over a busy database, in process:
//
//   bun test/bench/risk-evidence.bench.ts [--assets=2000] [--runs=30]
//
// Written straight to the database: `--assets` assets with a host name and an address, five
// vulnerabilities per asset (a third closed), ten alerts per asset over the last 120 days
// (each naming one of 50 techniques), one and a half incidents per asset over 200 days, and 100
// daily scans of a /24 with 750 open ports each. Then `suggestionFor` is asked `--runs` times
// for a risk linked to five assets and three techniques. Prints the median and p90 time and
// how many reasons it gave. No figure fails the run.
import { systemActor } from "../../src/kit/actor.ts";
import { assets } from "../../src/modules/assets/schema.ts";
import { incidentAssets } from "../../src/modules/incidents/links-schema.ts";
import { incidents } from "../../src/modules/incidents/schema.ts";
import { suggestionFor } from "../../src/modules/risks/evidence.ts";
import { scanPorts } from "../../src/modules/scans/ports-schema.ts";
import { scans } from "../../src/modules/scans/schema.ts";
import { alerts } from "../../src/modules/soc/alerts-schema.ts";
import { attackTechniques } from "../../src/modules/threats/attack-schema.ts";
import { techniqueLinks } from "../../src/modules/threats/links-schema.ts";
import { ensureAttackCatalog } from "../../src/modules/threats/shipped-catalog.ts";
import { vulnerabilities, vulnerabilityAssets } from "../../src/modules/vulnerabilities/schema.ts";
import { createTestApp, type TestApp } from "../helpers/app.ts";
import { intOption } from "./helpers.ts";
import { figure, heading, ms, printMachine, printRows, runBench, stats } from "./report.ts";

const ASSETS = intOption("assets", "BENCH_EVIDENCE_ASSETS", 2000);
const RUNS = intOption("runs", "BENCH_EVIDENCE_RUNS", 30);
const DAY = 86_400_000;

/** Inserts `rows` into `table` in batches, in one transaction. */
type Table = Parameters<TestApp["database"]["db"]["insert"]>[0];

async function insert<T>(t: TestApp, table: Table, rows: T[]) {
  await t.database.db.transaction(async (tx) => {
    for (let i = 0; i < rows.length; i += 200) await tx.insert(table).values(rows.slice(i, i + 200) as never);
  });
}

/** Inserts `count` rows into `table`, the i-th made by `row(i)`. */
function insertMany<T>(t: TestApp, table: Table, count: number, row: (i: number) => T) {
  return insert(
    t,
    table,
    Array.from({ length: count }, (_, i) => row(i)),
  );
}

async function seed(t: TestApp, techniques: string[]): Promise<Record<string, number>> {
  const now = Date.now();
  const asset = (i: number) => `asset-${i % ASSETS}`;
  await insertMany(t, assets, ASSETS, (i) => ({
    id: asset(i),
    name: `host-${i}`,
    assetType: "server" as const,
    hostname: `host-${i}.lan`,
    ipAddresses: [`10.1.${i >> 8}.${i & 255}`],
    createdAt: now,
    updatedAt: now,
  }));
  const vulns = ASSETS * 5;
  await insertMany(t, vulnerabilities, vulns, (i) => ({
    id: `vuln-${i}`,
    title: `Finding ${i}`,
    severity: (["low", "medium", "high", "critical"] as const)[i % 4] ?? "low",
    status: i % 3 ? ("open" as const) : ("mitigated" as const),
    discoveredAt: now - 40 * DAY,
    dueAt: now - (i % 50) * DAY,
    createdAt: now,
    updatedAt: now,
  }));
  await insertMany(t, vulnerabilityAssets, vulns, (i) => ({
    vulnerabilityId: `vuln-${i}`,
    assetId: asset(i),
  }));
  const alertCount = ASSETS * 10;
  const at = (i: number, days: number) => now - (i % days) * DAY;
  await insertMany(t, alerts, alertCount, (i) => ({
    id: `alert-${i}`,
    title: `Alert ${i}`,
    severity: "medium" as const,
    source: "api" as const,
    host: `host-${i % ASSETS}.lan`,
    firstSeen: at(i, 120),
    lastSeen: at(i, 120),
    createdAt: at(i, 120),
    updatedAt: at(i, 120),
  }));
  await insertMany(t, techniqueLinks, alertCount, (i) => ({
    kind: "alert" as const,
    recordId: `alert-${i}`,
    techniqueId: techniques[i % 50] as string,
    at: at(i, 120),
  }));
  const incidentCount = Math.round(ASSETS * 1.5);
  await insertMany(t, incidents, incidentCount, (i) => ({
    id: `incident-${i}`,
    title: `Incident ${i}`,
    severity: "high" as const,
    status: i % 2 ? ("closed" as const) : ("triage" as const),
    detectedAt: at(i, 200),
    createdAt: now,
    updatedAt: now,
  }));
  await insertMany(t, incidentAssets, incidentCount, (i) => ({
    incidentId: `incident-${i}`,
    assetId: asset(i),
    createdAt: now,
  }));
  for (let d = 0; d < 100; d++) {
    const scanAt = now - (100 - d) * DAY;
    await insert(t, scans, [
      {
        id: `scan-${d}`,
        target: "10.1.0.0/24",
        ports: "top1000",
        concurrency: 100,
        connectTimeoutMs: 500,
        hostDiscovery: false,
        status: "completed",
        createdAt: scanAt,
      },
    ]);
    const ports = [];
    for (let h = 0; h < 250; h++)
      for (const port of [22, 80, 443])
        ports.push({
          scanId: `scan-${d}`,
          host: `10.1.0.${h}`,
          port: port + (d % 7 === 0 && h % 50 === 0 ? 8000 : 0),
          service: null,
          foundAt: scanAt,
        });
    await insert(t, scanPorts, ports);
  }
  return { vulnerabilities: vulns, alerts: alertCount, incidents: incidentCount, "scan ports": 75_000 };
}

runBench(async () => {
  await printMachine();
  const t = await createTestApp();
  try {
    await ensureAttackCatalog({ db: t.database.db });
    const techniques = (await t.database.db.select({ id: attackTechniques.id }).from(attackTechniques)).map(
      (r) => r.id,
    );
    const seeded = performance.now();
    const counts = await seed(t, techniques);
    heading(
      `Risk likelihood suggestion: ${ASSETS.toLocaleString("en")} assets, ${Object.entries(counts)
        .map(([k, n]) => `${n.toLocaleString("en")} ${k}`)
        .join(", ")}`,
    );
    printRows([["seeded in", ms(performance.now() - seeded)]]);
    const input = {
      assetIds: ["asset-0", "asset-1", "asset-2", "asset-3", "asset-50"],
      techniqueIds: techniques.slice(0, 3),
      levels: 5,
      current: 2,
      actor: systemActor(),
    };
    const times: number[] = [];
    let reasons = 0;
    for (let i = 0; i < RUNS + 2; i++) {
      const started = performance.now();
      const suggestion = await suggestionFor({ db: t.database.db }, input);
      // The first two warm the caches and the JIT.
      if (i >= 2) times.push(performance.now() - started);
      reasons = suggestion.reasons.length;
    }
    const r = stats(times);
    const line = `median ${ms(r.median)}, p90 ${ms(r.p90)}, ${reasons} reasons`;
    printRows([["suggestionFor (5 assets, 3 techniques)", line]]);
    figure("Risk likelihood suggestion, 5 assets of 2,000", line);
  } finally {
    await t.close();
  }
});
