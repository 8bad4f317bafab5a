// Summaries and printing of the benchmarks in test/bench/: order statistics of timings,
// numbers formatted for reading, headings, aligned rows and headline figures, the machine a
// run happened on, and the runner that turns a failed benchmark into exit code 1.
import { appendFileSync, existsSync, readFileSync } from "node:fs";
import { availableParallelism, cpus, loadavg, release } from "node:os";
import type { Memory } from "./helpers.ts";

const MiB = 1024 * 1024;

/** Order statistics of a sample (nearest-rank percentiles). */
export interface Stats {
  n: number;
  min: number;
  median: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentile `p` (0–100) of an ascending sorted array. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] as number;
}

/** Min, median, p90, p99, max and mean of `values`. */
export function stats(values: number[]): Stats {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    n: sorted.length,
    min: sorted[0] ?? Number.NaN,
    median: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? Number.NaN,
    mean: sorted.reduce((sum, value) => sum + value, 0) / (sorted.length || 1),
  };
}

/** Milliseconds with a precision that suits their size. */
export function ms(value: number): string {
  if (!Number.isFinite(value)) return "n/a";
  return `${value < 10 ? value.toFixed(2) : value < 100 ? value.toFixed(1) : Math.round(value)} ms`;
}

/** Bytes as MiB with one decimal. */
export function mib(bytes: number): string {
  return `${(bytes / MiB).toFixed(1)} MiB`;
}

/**
 * A memory reading as `RssAnon 27.1 MiB · PSS 41.0 MiB · VmRSS 56.4 MiB (file 29.3)`: what the
 * process costs first (anonymous memory, its proportional share), then the resident set, which
 * also counts clean pages of the executable the kernel may drop at will.
 */
export function memoryLine(memory: Memory): string {
  return `RssAnon ${memory.anonMiB.toFixed(1)} MiB · PSS ${memory.pssMiB.toFixed(1)} MiB · VmRSS ${memory.rssMiB.toFixed(1)} MiB (file ${memory.fileMiB.toFixed(1)})`;
}

/** A number with thousands separators. */
export function count(value: number): string {
  return Math.round(value).toLocaleString("en-US");
}

/** Status counts as `8,000× 200, 3× 303`. */
export function formatStatuses(statuses: Map<number, number>): string {
  return [...statuses].map(([status, n]) => `${count(n)}× ${status}`).join(", ") || "no answers";
}

/** Prints a section heading. */
export function heading(title: string): void {
  console.log(`\n== ${title} ==`);
}

/** Prints aligned `label  value` rows. */
export function printRows(rows: [string, string][]): void {
  const width = Math.max(0, ...rows.map(([label]) => label.length));
  for (const [label, value] of rows) console.log(`  ${label.padEnd(width)}  ${value}`);
}

/**
 * Records one headline figure for the summary of `bun run bench`: printed now, and appended
 * as a JSON line to `$BENCH_SUMMARY_FILE` when scripts/bench.ts set it.
 */
export function figure(name: string, value: string): void {
  console.log(`  * ${name}: ${value}`);
  const file = process.env.BENCH_SUMMARY_FILE;
  if (file) appendFileSync(file, `${JSON.stringify({ name, value })}\n`);
}

/** CPU count, CPU model, load, kernel and Bun version: the context every figure needs. */
export function machineFacts(): Record<string, string> {
  const cpuinfo = existsSync("/proc/cpuinfo") ? readFileSync("/proc/cpuinfo", "utf8") : "";
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? cpus()[0]?.model ?? "unknown";
  return {
    cpus: String(availableParallelism()),
    cpu: model.trim(),
    load: loadavg()
      .map((value) => value.toFixed(2))
      .join(" "),
    kernel: release(),
    bun: Bun.version,
  };
}

/**
 * Share of all CPU time spent busy over `windowMs`, from /proc/stat: how much other work
 * competes with a benchmark that is about to start (NaN where /proc/stat is missing).
 */
export async function cpuBusy(windowMs = 500): Promise<number> {
  const before = readSystemCpu();
  await Bun.sleep(windowMs);
  return busyBetween(before, readSystemCpu());
}

/** Idle (idle + iowait) and total jiffies of all CPUs, from the first line of /proc/stat. */
export interface SystemCpu {
  idle: number;
  total: number;
}

/** Reads {@link SystemCpu} now; undefined where /proc/stat is missing. */
export function readSystemCpu(): SystemCpu | undefined {
  if (!existsSync("/proc/stat")) return undefined;
  const fields = (readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "")
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
  return { idle, total: fields.reduce((sum, value) => sum + value, 0) };
}

/** Share of all CPU time spent busy between two {@link readSystemCpu} readings (NaN when unknown). */
export function busyBetween(before: SystemCpu | undefined, after: SystemCpu | undefined): number {
  if (!before || !after || after.total === before.total) return Number.NaN;
  return 1 - (after.idle - before.idle) / (after.total - before.total);
}

/** Prints {@link machineFacts} and how busy the CPUs are right now, with a note when they are. */
export async function printMachine(): Promise<void> {
  const facts = machineFacts();
  const busy = await cpuBusy();
  console.log(
    `machine: ${facts.cpus} × ${facts.cpu} · load ${facts.load} · CPU busy before start ${(busy * 100).toFixed(0)}% · Linux ${facts.kernel} · Bun ${facts.bun}`,
  );
  if (busy > 0.25) console.log("  note: other work is using the CPUs; figures will be inflated");
}

/** Runs a benchmark's main function; prints the error and exits 1 when it throws. */
export function runBench(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    console.error(`benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : error}`);
    process.exit(1);
  });
}
