// Memory of a running Warden: resident set (VmRSS) and its peak (VmHWM) from /proc/<pid>/status.
//
//   bun test/bench/rss.bench.ts [--requests=2000] [--batches=5] [--no-build]
//
// The binary starts in an empty directory; once /readyz answers it gets a few requests (the
// dashboard, every static asset the dashboard links, the status API) so lazily loaded parts
// are in memory, then sits idle for 3 s before the reading. Then it serves N sequential
// GET / in a few batches, with a reading 3 s after each: the later batches show whether memory
// keeps growing or has levelled off. The rate limiter is off (it would answer 429 after 600).
// `bun src/main.ts serve` gets the idle reading too, for comparison.
import {
  count,
  ensureBinary,
  figure,
  heading,
  intOption,
  type Memory,
  NO_RATE_LIMIT,
  printMachine,
  printRows,
  type RunningServer,
  readMemory,
  runBench,
  type ServerKind,
  startServer,
} from "./helpers.ts";

const IDLE_MS = 3_000;

function describe(memory: Memory): string {
  return `VmRSS ${memory.rssMiB.toFixed(1)} MiB · VmHWM ${memory.peakMiB.toFixed(1)} MiB · ${memory.threads} threads`;
}

/** Requests the dashboard, the static assets it links, the status API and the health check. */
async function touchLazyParts(server: RunningServer): Promise<string[]> {
  const seen: string[] = [];
  const get = async (path: string) => {
    const response = await fetch(`${server.url}${path}`);
    await response.arrayBuffer();
    seen.push(`${path.replace(/\?.*$/, "")} ${response.status}`);
    return response;
  };
  const page = await (await fetch(`${server.url}/`)).text();
  seen.push(`/ (html, ${count(page.length)} chars)`);
  const assets = new Set<string>();
  for (const match of page.matchAll(/(?:href|src)="(\/static\/[^"#]+)/g)) if (match[1]) assets.add(match[1]);
  for (const asset of assets) await get(asset);
  await get("/api/v1/system/status");
  await get("/healthz");
  return seen;
}

/** `requests` sequential GET /; returns how many of each status came back. */
async function hammer(server: RunningServer, requests: number): Promise<Map<number, number>> {
  const statuses = new Map<number, number>();
  for (let i = 0; i < requests; i++) {
    const response = await fetch(`${server.url}/`, { redirect: "manual" });
    await response.arrayBuffer();
    statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
  }
  return statuses;
}

function formatStatuses(statuses: Map<number, number>): string {
  return [...statuses].map(([status, n]) => `${count(n)}× ${status}`).join(", ");
}

async function idleReading(
  kind: ServerKind,
): Promise<{ server: RunningServer; ready: Memory; idle: Memory }> {
  const server = await startServer(kind, { env: NO_RATE_LIMIT });
  const ready = readMemory(server.pid);
  const touched = await touchLazyParts(server);
  console.log(`  warmed with ${touched.length} requests: ${touched.join(", ")}`);
  await Bun.sleep(IDLE_MS);
  return { server, ready, idle: readMemory(server.pid) };
}

runBench(async () => {
  const requests = intOption("requests", "BENCH_REQUESTS", 2_000);
  const batchCount = intOption("batches", "BENCH_BATCHES", 5);
  heading("memory (VmRSS / VmHWM)");
  await printMachine();
  await ensureBinary();

  console.log("\nbinary");
  const { server, ready, idle } = await idleReading("binary");
  const rows: [string, string][] = [
    ["at first /readyz 200", describe(ready)],
    [`idle (${IDLE_MS / 1000} s after warm-up)`, describe(idle)],
  ];
  const batches: Memory[] = [];
  try {
    for (let batch = 1; batch <= batchCount; batch++) {
      const started = performance.now();
      const statuses = await hammer(server, requests);
      const seconds = (performance.now() - started) / 1000;
      const right = readMemory(server.pid);
      await Bun.sleep(IDLE_MS);
      const settled = readMemory(server.pid);
      batches.push(settled);
      rows.push(
        [
          `after ${count(batch * requests)} × GET / (${formatStatuses(statuses)}, ${seconds.toFixed(1)} s)`,
          describe(right),
        ],
        [`  … ${IDLE_MS / 1000} s later`, describe(settled)],
      );
    }
  } finally {
    await server.stop();
  }
  printRows(rows);

  console.log("\ndev (`bun src/main.ts`)");
  const dev = await idleReading("dev");
  await dev.server.stop();
  printRows([
    ["at first /readyz 200", describe(dev.ready)],
    [`idle (${IDLE_MS / 1000} s after warm-up)`, describe(dev.idle)],
  ]);

  console.log("");
  figure(
    "Idle RSS, binary (VmRSS / peak VmHWM)",
    `${idle.rssMiB.toFixed(1)} MiB / ${idle.peakMiB.toFixed(1)} MiB`,
  );
  const first = batches[0];
  const last = batches[batches.length - 1];
  if (first && last) {
    figure(`RSS after ${count(requests)} sequential GET /, binary`, `${first.rssMiB.toFixed(1)} MiB`);
    if (last !== first)
      figure(
        `RSS after ${count(batches.length * requests)} sequential GET /, binary`,
        `${last.rssMiB.toFixed(1)} MiB (peak VmHWM ${last.peakMiB.toFixed(1)} MiB)`,
      );
  }
  figure("Idle RSS, dev `bun src/main.ts serve`", `${dev.idle.rssMiB.toFixed(1)} MiB`);
});
