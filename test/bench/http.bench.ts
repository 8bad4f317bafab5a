// Throughput and latency of the binary for GET /healthz (the whole middleware stack, almost no
// work) and GET / (the server-rendered dashboard), over loopback.
//
//   bun test/bench/http.bench.ts [--workers=4] [--requests=2000] [--duration=3] [--rounds=3] [--no-build]
//
// Two load generators, each printing its own figures:
// - bun fetch: `workers` concurrent loops of `requests` sequential fetches each, after a warm-up;
//   every latency is recorded. The client shares the machine's cores with the server.
// - wrk (Debian package `wrk`), when installed: 1 thread, 16 connections, `duration` seconds.
// Each load runs `rounds` times and the round with the most requests per second is reported
// (other work on a shared machine only ever makes a round slower). The server's CPU time per
// request (user + system, from /proc) is reported too: it barely moves with contention.
// A bare `Bun.serve` answering "ok" is measured the same way, as the floor of this machine.
// Both generators send `Accept-Encoding: gzip, deflate, br` as browsers do (bun's fetch by
// default, wrk through -H), so the dashboard is measured compressed.
// The rate limiter is off (it would answer 429 after 600 requests a minute). Access logs go to
// a file, as they would in production.
import {
  count,
  ensureBinary,
  figure,
  freePort,
  HOST,
  heading,
  intOption,
  ms,
  NO_RATE_LIMIT,
  printMachine,
  printRows,
  readCpuMs,
  runBench,
  startServer,
  stats,
  waitForOk,
} from "./helpers.ts";

/** One load run's outcome. */
interface LoadResult {
  requestsPerSecond: number;
  /** Server CPU time (user + system) per request, in milliseconds. */
  cpuMsPerRequest: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  detail: string;
}

const WARM_UP_REQUESTS = 300;

type LoadResultWithoutCpu = Omit<LoadResult, "cpuMsPerRequest"> & { requests: number };

async function fetchLoad(url: string, workers: number, requests: number): Promise<LoadResultWithoutCpu> {
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async () => {
      for (let i = 0; i < requests; i++) {
        const sent = performance.now();
        const response = await fetch(url, { redirect: "manual" });
        await response.arrayBuffer();
        latencies.push(performance.now() - sent);
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const s = stats(latencies);
  const statusText = [...statuses].map(([status, n]) => `${count(n)}× ${status}`).join(", ");
  return {
    requests: latencies.length,
    requestsPerSecond: latencies.length / seconds,
    p50: s.median,
    p90: s.p90,
    p99: s.p99,
    max: s.max,
    detail: `${count(latencies.length)} requests in ${seconds.toFixed(2)} s (${statusText})`,
  };
}

/** `wrk`'s latency with its unit ("850.00us", "4.94ms", "1.02s") in milliseconds. */
function wrkMs(text: string): number {
  const match = /^([\d.]+)(us|ms|s|m)$/.exec(text.trim());
  if (!match) return Number.NaN;
  const factor: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000 };
  return Number(match[1]) * (factor[match[2] as string] ?? Number.NaN);
}

async function wrkLoad(wrk: string, url: string, seconds: number): Promise<LoadResultWithoutCpu> {
  const proc = Bun.spawn(
    [wrk, "-t1", "-c16", `-d${seconds}s`, "--latency", "-H", "Accept-Encoding: gzip, deflate, br", url],
    {
      stdout: "pipe",
      stderr: "pipe",
    },
  );
  const [out, err, code] = await Promise.all([
    new Response(proc.stdout).text(),
    new Response(proc.stderr).text(),
    proc.exited,
  ]);
  if (code !== 0) throw new Error(`wrk exited with ${code}: ${err}`);
  const latency = (p: number) => wrkMs(new RegExp(`^\\s+${p}%\\s+(\\S+)`, "m").exec(out)?.[1] ?? "");
  const total = /(\d+) requests in ([\d.]+\w+)/.exec(out);
  const errors = /Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1];
  const socketErrors = /Socket errors: (.+)/.exec(out)?.[1];
  return {
    requests: Number(total?.[1] ?? Number.NaN),
    requestsPerSecond: Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? Number.NaN),
    p50: latency(50),
    p90: latency(90),
    p99: latency(99),
    max: wrkMs(/Latency\s+\S+\s+\S+\s+(\S+)/.exec(out)?.[1] ?? ""),
    detail: [
      total ? `${count(Number(total[1]))} requests in ${total[2]}` : "",
      errors ? `${errors} non-2xx/3xx` : "",
      socketErrors ? `socket errors: ${socketErrors}` : "",
    ]
      .filter(Boolean)
      .join(", "),
  };
}

/** Warms `url` up, then runs `load` `rounds` times; returns the fastest round with the server's CPU per request. */
async function bestOf(
  rounds: number,
  url: string,
  serverPid: number,
  load: () => Promise<LoadResultWithoutCpu>,
): Promise<LoadResult> {
  for (let i = 0; i < WARM_UP_REQUESTS; i++) await (await fetch(url)).arrayBuffer();
  let best: LoadResult | undefined;
  const all: string[] = [];
  for (let round = 0; round < rounds; round++) {
    const cpuBefore = readCpuMs(serverPid);
    const { requests, ...result } = await load();
    const cpuMsPerRequest = (readCpuMs(serverPid) - cpuBefore) / requests;
    all.push(count(result.requestsPerSecond));
    if (!best || result.requestsPerSecond > best.requestsPerSecond) best = { ...result, cpuMsPerRequest };
  }
  if (!best) throw new Error("no rounds were run");
  return { ...best, detail: `${best.detail}; rounds ${all.join(" / ")} req/s` };
}

function describe(result: LoadResult): string {
  return `${count(result.requestsPerSecond)} req/s · server CPU ${cpu(result.cpuMsPerRequest)}/req · p50 ${ms(result.p50)} · p90 ${ms(result.p90)} · p99 ${ms(result.p99)} · max ${ms(result.max)}  [${result.detail}]`;
}

function headline(result: LoadResult): string {
  return `${count(result.requestsPerSecond)} req/s · p50 ${ms(result.p50)} · p99 ${ms(result.p99)} · server CPU ${cpu(result.cpuMsPerRequest)}/req`;
}

/** Milliseconds of CPU per request, shown in µs. */
function cpu(msPerRequest: number): string {
  return Number.isFinite(msPerRequest) ? `${Math.round(msPerRequest * 1000)} µs` : "n/a";
}

/** A bare Bun.serve answering "ok" to everything: what this machine can do without Warden. */
async function startBaseline(): Promise<{ url: string; pid: number; stop: () => Promise<void> }> {
  const port = await freePort();
  const proc = Bun.spawn(
    [
      process.execPath,
      "-e",
      `Bun.serve({ hostname: "${HOST}", port: ${port}, fetch: () => new Response("ok") });`,
    ],
    { stdout: "ignore", stderr: "inherit" },
  );
  const url = `http://${HOST}:${port}`;
  await waitForOk(url, { alive: () => proc.exitCode === null });
  return {
    url,
    pid: proc.pid,
    async stop() {
      proc.kill("SIGTERM");
      await proc.exited;
    },
  };
}

runBench(async () => {
  const workers = intOption("workers", "BENCH_WORKERS", 4);
  const requests = intOption("requests", "BENCH_REQUESTS", 2_000);
  const duration = intOption("duration", "BENCH_DURATION", 3);
  const rounds = intOption("rounds", "BENCH_ROUNDS", 3);
  heading(`http (binary, loopback, best of ${rounds} rounds)`);
  await printMachine();
  await ensureBinary();
  const wrk = Bun.which("wrk");
  if (!wrk) console.log("  wrk not installed (apt-get install wrk): bun fetch figures only");

  const fetchLabel = `bun fetch ${workers}×${count(requests)}`;
  const wrkLabel = `wrk -t1 -c16 ${duration}s`;
  const results: { label: string; result: LoadResult }[] = [];
  const measure = async (name: string, url: string, pid: number) => {
    results.push({
      label: `${name}, ${fetchLabel}`,
      result: await bestOf(rounds, url, pid, () => fetchLoad(url, workers, requests)),
    });
    if (wrk)
      results.push({
        label: `${name}, ${wrkLabel}`,
        result: await bestOf(rounds, url, pid, () => wrkLoad(wrk, url, duration)),
      });
  };

  const server = await startServer("binary", { env: NO_RATE_LIMIT });
  try {
    for (const path of ["/healthz", "/"]) await measure(`GET ${path}`, `${server.url}${path}`, server.pid);
  } finally {
    await server.stop();
  }
  const baseline = await startBaseline();
  try {
    await measure(`bare Bun.serve "ok"`, baseline.url, baseline.pid);
  } finally {
    await baseline.stop();
  }

  printRows(results.map(({ label, result }) => [label, describe(result)]));
  console.log("");
  for (const { label, result } of results) figure(label, headline(result));
});
