// Memory of a running Warden: anonymous memory (RssAnon) and PSS, which are what it costs, beside
// the resident set (VmRSS, which also counts clean pages of the executable) and its peak (VmHWM),
// from /proc/<pid>/status and /proc/<pid>/smaps_rollup.
//
//   bun test/bench/rss.bench.ts [--requests=2000] [--batches=5] [--no-build]
//
// The binary starts in an empty directory holding only the bench admin (made with
// `warden user create` just before); once /readyz answers it signs in and gets a few requests
// with the bearer access token (the dashboard, every static asset the dashboard links, the status
// API) so lazily loaded parts are in memory, then sits idle for 3 s before the reading. Then it serves N sequential
// GET / (signed in; every answer must be a 200) in a few batches, with a reading 3 s after each:
// the later batches show whether memory keeps growing or has levelled off. The rate limiter is
// off (it would answer 429 after 600).
// `bun src/main.ts serve` gets the idle reading too, for comparison.
import {
  ensureBinary,
  intOption,
  type Memory,
  NO_RATE_LIMIT,
  readMemory,
  type ServerKind,
  type SignedInServer,
  signInTo,
  startServerWithAdmin,
} from "./helpers.ts";
import {
  count,
  figure,
  formatStatuses,
  heading,
  memoryLine,
  printMachine,
  printRows,
  runBench,
} from "./report.ts";

const IDLE_MS = 3_000;

function describe(memory: Memory): string {
  return `${memoryLine(memory)} · VmHWM ${memory.peakMiB.toFixed(1)} MiB · ${memory.threads} threads`;
}

/** Requests the dashboard, the static assets it links, the status API and the health check. */
async function touchLazyParts(server: SignedInServer): Promise<string[]> {
  const seen: string[] = [];
  const get = async (path: string) => {
    const response = await fetch(`${server.url}${path}`, { headers: server.auth, redirect: "manual" });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`warm-up: GET ${path} answered ${response.status}`);
    seen.push(`${path.replace(/\?.*$/, "")} ${response.status}`);
    return response;
  };
  const dashboard = await fetch(`${server.url}/`, { headers: server.auth, redirect: "manual" });
  const page = await dashboard.text();
  if (dashboard.status !== 200) throw new Error(`warm-up: GET / answered ${dashboard.status} (signed out?)`);
  seen.push(`/ ${dashboard.status} (html, ${count(page.length)} chars)`);
  const assets = new Set<string>();
  for (const match of page.matchAll(/(?:href|src)="(\/static\/[^"#]+)/g)) if (match[1]) assets.add(match[1]);
  for (const asset of assets) await get(asset);
  await get("/api/v1/system/status");
  await get("/healthz");
  return seen;
}

/** `requests` sequential signed-in GET /; returns how many of each status came back (all 200 or it throws). */
async function hammer(server: SignedInServer, requests: number): Promise<Map<number, number>> {
  const statuses = new Map<number, number>();
  for (let i = 0; i < requests; i++) {
    const response = await fetch(`${server.url}/`, { headers: server.auth, redirect: "manual" });
    await response.arrayBuffer();
    statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
  }
  if ([...statuses.keys()].some((status) => status !== 200))
    throw new Error(`GET / answered ${formatStatuses(statuses)}; expected only 200 (signed out?)`);
  return statuses;
}

async function idleReading(
  kind: ServerKind,
): Promise<{ server: SignedInServer; ready: Memory; idle: Memory }> {
  const started = await startServerWithAdmin(kind, { env: NO_RATE_LIMIT });
  // Read before signing in: one argon2id verification alone allocates its 64 MiB memory cost.
  const ready = readMemory(started.pid);
  const server = await signInTo(started);
  const touched = await touchLazyParts(server);
  console.log(`  warmed with ${touched.length} requests: ${touched.join(", ")}`);
  await Bun.sleep(IDLE_MS);
  return { server, ready, idle: readMemory(server.pid) };
}

runBench(async () => {
  const requests = intOption("requests", "BENCH_REQUESTS", 2_000);
  const batchCount = intOption("batches", "BENCH_BATCHES", 5);
  heading("memory (RssAnon, PSS, VmRSS / VmHWM)");
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
  figure("Idle memory, binary", `${memoryLine(idle)}; peak VmHWM ${idle.peakMiB.toFixed(1)} MiB`);
  const first = batches[0];
  const last = batches[batches.length - 1];
  if (first && last) {
    figure(`Memory after ${count(requests)} sequential GET /, binary`, memoryLine(first));
    if (last !== first)
      figure(
        `Memory after ${count(batches.length * requests)} sequential GET /, binary`,
        `${memoryLine(last)}; peak VmHWM ${last.peakMiB.toFixed(1)} MiB`,
      );
  }
  figure("Idle memory, dev `bun src/main.ts serve`", memoryLine(dev.idle));
});
