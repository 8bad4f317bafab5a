// HTTP load generation shared by http.bench.ts and auth.bench.ts: bun fetch loops and wrk, best
// of a few rounds, with the server's CPU time per request and every answer's status counted.
//
// - bun fetch: `workers` concurrent loops of `requests` sequential fetches each, after a warm-up;
//   every latency is recorded. The client shares the machine's cores with the server.
// - wrk (Debian package `wrk`), when installed: 1 thread, 16 connections, `duration` seconds; a
//   small Lua script counts the status of every answer.
// Each load runs `rounds` times and the round with the most requests per second is reported
// (other work on a shared machine only ever makes a round slower). The server's CPU time per
// request (user + system, from /proc) is reported too: it barely moves with contention.
// Both generators send `Accept-Encoding: gzip, deflate, br` as browsers do (bun's fetch by
// default, wrk through -H) and the target's headers (a bearer token for protected routes).
// Every answer must have the target's expected status: a 303 to /login or a 401 means the
// benchmark measured the wrong thing, so it fails instead of printing a number.
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { intOption, readCpuMs } from "./helpers.ts";
import { count, formatStatuses, ms, stats } from "./report.ts";

/** What to load: a URL, the headers to send and the status every answer must have. */
export interface Target {
  url: string;
  headers?: Record<string, string>;
  /** Expected status of every answer; 200 when omitted. */
  expect?: number;
}

/** One load run's outcome. */
export interface LoadResult {
  requests: number;
  requestsPerSecond: number;
  /** Server CPU time (user + system) per request, in milliseconds. */
  cpuMsPerRequest: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  statuses: Map<number, number>;
  detail: string;
}

type RoundResult = Omit<LoadResult, "cpuMsPerRequest">;

/** Which generator produced a result. */
export type Generator = "fetch" | "wrk";

/** Settings of the load generators, from the command line or the environment. */
export interface LoadOptions {
  workers: number;
  requests: number;
  duration: number;
  rounds: number;
  /** Path of wrk, or null when it is not installed. */
  wrk: string | null;
}

const WARM_UP_REQUESTS = 300;
const BROWSER_ENCODING = "gzip, deflate, br";

/** `--workers=4 --requests=2000 --duration=3 --rounds=3` (or BENCH_WORKERS, …) and wrk if installed. */
export function loadOptions(): LoadOptions {
  return {
    workers: intOption("workers", "BENCH_WORKERS", 4),
    requests: intOption("requests", "BENCH_REQUESTS", 2_000),
    duration: intOption("duration", "BENCH_DURATION", 3),
    rounds: intOption("rounds", "BENCH_ROUNDS", 3),
    wrk: Bun.which("wrk"),
  };
}

/** A short name of a generator with its settings: `bun fetch 4×2,000`, `wrk -t1 -c16 3s`. */
export function generatorLabel(generator: Generator, options: LoadOptions): string {
  return generator === "fetch"
    ? `bun fetch ${options.workers}×${count(options.requests)}`
    : `wrk -t1 -c16 ${options.duration}s`;
}

async function fetchLoad(target: Target, workers: number, requests: number): Promise<RoundResult> {
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async () => {
      for (let i = 0; i < requests; i++) {
        const sent = performance.now();
        const response = await fetch(target.url, { headers: target.headers, redirect: "manual" });
        await response.arrayBuffer();
        latencies.push(performance.now() - sent);
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const s = stats(latencies);
  return {
    requests: latencies.length,
    requestsPerSecond: latencies.length / seconds,
    p50: s.median,
    p90: s.p90,
    p99: s.p99,
    max: s.max,
    statuses,
    detail: `${count(latencies.length)} requests in ${seconds.toFixed(2)} s (${formatStatuses(statuses)})`,
  };
}

/** `wrk`'s latency with its unit ("850.00us", "4.94ms", "1.02s") in milliseconds. */
function wrkMs(text: string): number {
  const match = /^([\d.]+)(us|ms|s|m)$/.exec(text.trim());
  if (!match) return Number.NaN;
  const factor: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000 };
  return Number(match[1]) * (factor[match[2] as string] ?? Number.NaN);
}

/** Counts every answer's status in each wrk thread and prints the totals as `status <code> <n>`. */
const WRK_STATUS_SCRIPT = `local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) statuses = {} end
function response(status, headers, body) statuses[status] = (statuses[status] or 0) + 1 end
function done(summary, latency, requests)
  local total = {}
  for _, t in ipairs(threads) do
    for status, n in pairs(t:get("statuses")) do total[status] = (total[status] or 0) + n end
  end
  for status, n in pairs(total) do io.write(string.format("status %d %d\\n", status, n)) end
end
`;

let wrkScriptPath: string | undefined;

function wrkScript(): string {
  if (!wrkScriptPath) {
    wrkScriptPath = join(tmpdir(), `warden-bench-wrk-status-${process.pid}.lua`);
    writeFileSync(wrkScriptPath, WRK_STATUS_SCRIPT);
  }
  return wrkScriptPath;
}

async function wrkLoad(wrk: string, target: Target, seconds: number): Promise<RoundResult> {
  const headers = { "Accept-Encoding": BROWSER_ENCODING, ...target.headers };
  const proc = Bun.spawn(
    [
      wrk,
      "-t1",
      "-c16",
      `-d${seconds}s`,
      "--latency",
      "-s",
      wrkScript(),
      ...Object.entries(headers).flatMap(([name, value]) => ["-H", `${name}: ${value}`]),
      target.url,
    ],
    { stdout: "pipe", stderr: "pipe" },
  );
  const [out, err, code] = await Promise.all([
    new Response(proc.stdout).text(),
    new Response(proc.stderr).text(),
    proc.exited,
  ]);
  if (code !== 0) throw new Error(`wrk exited with ${code}: ${err}`);
  const latency = (p: number) => wrkMs(new RegExp(`^\\s+${p}%\\s+(\\S+)`, "m").exec(out)?.[1] ?? "");
  const total = /(\d+) requests in ([\d.]+\w+)/.exec(out);
  const socketErrors = /Socket errors: (.+)/.exec(out)?.[1];
  const statuses = new Map<number, number>();
  for (const match of out.matchAll(/^status (\d+) (\d+)$/gm))
    statuses.set(Number(match[1]), Number(match[2]));
  return {
    requests: Number(total?.[1] ?? Number.NaN),
    requestsPerSecond: Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? Number.NaN),
    p50: latency(50),
    p90: latency(90),
    p99: latency(99),
    max: wrkMs(/Latency\s+\S+\s+\S+\s+(\S+)/.exec(out)?.[1] ?? ""),
    statuses,
    detail: [
      total ? `${count(Number(total[1]))} requests in ${total[2]} (${formatStatuses(statuses)})` : "",
      socketErrors ? `socket errors: ${socketErrors}` : "",
    ]
      .filter(Boolean)
      .join(", "),
  };
}

/** Throws unless every answer had the expected status. */
function assertStatuses(statuses: Map<number, number>, target: Target, what: string): void {
  const expected = target.expect ?? 200;
  if ([...statuses.keys()].some((status) => status !== expected))
    throw new Error(
      `${what} of ${target.url}: expected only ${expected}, got ${formatStatuses(statuses)} (signed out? rate limited?)`,
    );
}

/**
 * Warms `target` up with {@link WARM_UP_REQUESTS} fetches, then runs one generator `rounds`
 * times; returns the round with the most requests per second, with the server's CPU per request.
 * Throws when any answer (warm-up included) has another status than the expected one.
 */
export async function bestOf(
  generator: Generator,
  target: Target,
  serverPid: number,
  options: LoadOptions,
): Promise<LoadResult> {
  const warmUp = new Map<number, number>();
  for (let i = 0; i < WARM_UP_REQUESTS; i++) {
    const response = await fetch(target.url, { headers: target.headers, redirect: "manual" });
    await response.arrayBuffer();
    warmUp.set(response.status, (warmUp.get(response.status) ?? 0) + 1);
  }
  assertStatuses(warmUp, target, "warm-up");
  const { wrk } = options;
  if (generator === "wrk" && !wrk) throw new Error("wrk is not installed");
  let best: LoadResult | undefined;
  const all: string[] = [];
  for (let round = 0; round < options.rounds; round++) {
    const cpuBefore = readCpuMs(serverPid);
    const result =
      generator === "wrk" && wrk
        ? await wrkLoad(wrk, target, options.duration)
        : await fetchLoad(target, options.workers, options.requests);
    const cpuMsPerRequest = (readCpuMs(serverPid) - cpuBefore) / result.requests;
    assertStatuses(result.statuses, target, `round ${round + 1} (${generator})`);
    all.push(count(result.requestsPerSecond));
    if (!best || result.requestsPerSecond > best.requestsPerSecond) best = { ...result, cpuMsPerRequest };
  }
  if (!best) throw new Error("no rounds were run");
  return { ...best, detail: `${best.detail}; rounds ${all.join(" / ")} req/s` };
}

/** A labelled result of {@link measure}. */
export interface Measurement {
  /** The target's name, e.g. `GET /healthz`. */
  name: string;
  generator: Generator;
  /** `<name>, <generator label>` */
  label: string;
  result: LoadResult;
}

/** Loads `target` with bun fetch and, when installed, wrk: one {@link Measurement} each. */
export async function measure(
  name: string,
  target: Target,
  serverPid: number,
  options: LoadOptions,
): Promise<Measurement[]> {
  const generators: Generator[] = options.wrk ? ["fetch", "wrk"] : ["fetch"];
  const out: Measurement[] = [];
  for (const generator of generators)
    out.push({
      name,
      generator,
      label: `${name}, ${generatorLabel(generator, options)}`,
      result: await bestOf(generator, target, serverPid, options),
    });
  return out;
}

/** Milliseconds of CPU per request, shown in µs. */
export function cpu(msPerRequest: number): string {
  return Number.isFinite(msPerRequest) ? `${Math.round(msPerRequest * 1000)} µs` : "n/a";
}

/** The full line of a result, for the detailed listing. */
export function describe(result: LoadResult): string {
  return `${count(result.requestsPerSecond)} req/s · server CPU ${cpu(result.cpuMsPerRequest)}/req · p50 ${ms(result.p50)} · p90 ${ms(result.p90)} · p99 ${ms(result.p99)} · max ${ms(result.max)}  [${result.detail}]`;
}

/** The short line of a result, for the summary table. */
export function headline(result: LoadResult): string {
  return `${count(result.requestsPerSecond)} req/s · p50 ${ms(result.p50)} · p99 ${ms(result.p99)} · server CPU ${cpu(result.cpuMsPerRequest)}/req`;
}
