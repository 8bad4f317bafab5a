// The network scanner against nmap: time and peak RSS to scan 127.0.0.1 ports 1–65535,
// side by side in the same run, runs interleaved so both see the same machine:
//   - Warden's engine alone (src/monitor/scanner.ts in a fresh `bun` process, default
//     concurrency and timeouts), under /usr/bin/time for its peak RSS;
//   - Warden's whole path through the binary: POST /api/v1/scans {ports: "all"}, its own
//     duration (first connect to last result written), the server's peak RSS meanwhile;
//   - `nmap -sT -p- -T4 127.0.0.1` (Debian's nmap), under /usr/bin/time.
//
//   bun test/bench/scan.bench.ts [--runs=5] [--no-build]
import { PortScan } from "../../src/monitor/scanner.ts";
import {
  ensureBinary,
  intOption,
  readMemory,
  resetPeakMemory,
  type SignedInServer,
  startSignedInServer,
} from "./helpers.ts";
import { figure, heading, ms, printMachine, printRows, runBench, stats } from "./report.ts";

const RUNS = intOption("runs", "BENCH_RUNS", 5);
const TARGET = "127.0.0.1";
const DEFAULTS = { concurrency: 500, connectTimeoutMs: 1000, bannerTimeoutMs: 300 };

/** One measured scan: wall milliseconds, peak resident MiB, ports found open. */
interface Run {
  ms: number;
  peakMiB: number;
  open: number;
}

/** Runs `command` under /usr/bin/time; its stdout, wall ms and peak RSS (MiB). */
async function timed(command: string[]): Promise<{ stdout: string; ms: number; peakMiB: number }> {
  const started = performance.now();
  const proc = Bun.spawn(["/usr/bin/time", "-f", "TIME %M", ...command], { stdout: "pipe", stderr: "pipe" });
  const [stdout, stderr, code] = await Promise.all([
    new Response(proc.stdout).text(),
    new Response(proc.stderr).text(),
    proc.exited,
  ]);
  const wall = performance.now() - started;
  if (code !== 0) throw new Error(`${command.join(" ")} failed (${code}): ${stderr}`);
  const kib = Number(/TIME (\d+)/.exec(stderr)?.[1]);
  return { stdout, ms: wall, peakMiB: kib / 1024 };
}

/** The engine alone, in a fresh process (this file with `--engine-child`); wall time with start-up, as nmap's. */
async function engineRun(): Promise<Run> {
  const { stdout, ms: wall, peakMiB } = await timed([process.execPath, import.meta.path, "--engine-child"]);
  const { open } = JSON.parse(stdout) as { open: number };
  return { ms: wall, peakMiB, open };
}

async function engineChild(): Promise<void> {
  const ports = Array.from({ length: 65535 }, (_, i) => i + 1);
  const started = performance.now();
  const outcome = await new PortScan({ hosts: [TARGET], ports, ...DEFAULTS }, () => {}).run();
  console.log(JSON.stringify({ scanMs: performance.now() - started, open: outcome.open }));
}

async function nmapRun(): Promise<Run> {
  const { stdout, ms: wall, peakMiB } = await timed(["nmap", "-sT", "-p-", "-T4", "-n", "-oG", "-", TARGET]);
  const open = (stdout.match(/\/open\//g) ?? []).length;
  return { ms: wall, peakMiB, open };
}

async function serverRun(server: SignedInServer): Promise<Run> {
  const headers = { ...server.auth, "Content-Type": "application/json" };
  resetPeakMemory(server.pid);
  const res = await fetch(`${server.url}/api/v1/scans`, {
    method: "POST",
    headers,
    body: JSON.stringify({ target: TARGET, ports: "all", hostDiscovery: false }),
  });
  if (res.status !== 202) throw new Error(`POST /api/v1/scans answered ${res.status}: ${await res.text()}`);
  const { id } = (await res.json()) as { id: string };
  for (;;) {
    await Bun.sleep(50);
    const { scan } = (await (await fetch(`${server.url}/api/v1/scans/${id}`, { headers })).json()) as {
      scan: { status: string; durationMs: number; openCount: number };
    };
    if (scan.status === "completed")
      return { ms: scan.durationMs, peakMiB: readMemory(server.pid).peakMiB, open: scan.openCount };
    if (scan.status !== "queued" && scan.status !== "running") throw new Error(`scan ended ${scan.status}`);
  }
}

function summary(runs: Run[]): string {
  const time = stats(runs.map((r) => r.ms));
  const peak = stats(runs.map((r) => r.peakMiB));
  return `median ${ms(time.median)} (min ${ms(time.min)}, max ${ms(time.max)}) · peak RSS median ${peak.median.toFixed(1)} MiB · open ${runs.map((r) => r.open).join("/")}`;
}

async function main(): Promise<void> {
  await printMachine();
  heading(`Scan of ${TARGET} ports 1–65535, ${RUNS} runs each, interleaved`);
  const version = (await timed(["nmap", "--version"])).stdout.split("\n")[0] ?? "nmap";
  console.log(
    `  ${version}; Warden: concurrency ${DEFAULTS.concurrency}, timeout ${DEFAULTS.connectTimeoutMs} ms`,
  );
  await ensureBinary();
  const server = await startSignedInServer("binary", { env: { WARDEN_RATELIMIT_ENABLED: "false" } });
  const results = { engine: [] as Run[], server: [] as Run[], nmap: [] as Run[] };
  try {
    const idleMiB = readMemory(server.pid).rssMiB;
    for (let i = 0; i < RUNS; i++) {
      results.nmap.push(await nmapRun());
      results.engine.push(await engineRun());
      results.server.push(await serverRun(server));
    }
    printRows([
      ["nmap -sT -p- -T4", summary(results.nmap)],
      ["Warden engine (bun process)", summary(results.engine)],
      ["Warden server (binary, API)", summary(results.server)],
      ["Warden server RSS idle before", `${idleMiB.toFixed(1)} MiB`],
    ]);
  } finally {
    await server.stop();
  }
  const median = (runs: Run[], key: "ms" | "peakMiB") => stats(runs.map((r) => r[key])).median;
  figure(
    "Scan 127.0.0.1:1-65535, nmap -sT -T4 (median)",
    `${ms(median(results.nmap, "ms"))}, peak RSS ${median(results.nmap, "peakMiB").toFixed(1)} MiB`,
  );
  figure(
    "Scan 127.0.0.1:1-65535, Warden engine (median)",
    `${ms(median(results.engine, "ms"))}, peak RSS ${median(results.engine, "peakMiB").toFixed(1)} MiB`,
  );
  figure(
    "Scan 127.0.0.1:1-65535, Warden server via API (median)",
    `${ms(median(results.server, "ms"))}, server peak RSS ${median(results.server, "peakMiB").toFixed(1)} MiB`,
  );
}

if (process.argv.includes("--engine-child")) await engineChild();
else runBench(main);
