// `bun run bench`: runs every test/bench/*.bench.ts in turn and ends with a markdown table of
// the headline figures, ready to paste into the README.
//
// binary.bench.ts runs first and builds dist/warden once; the others get BENCH_NO_BUILD=1 and
// measure that same binary. Each benchmark records its headline figures through
// `figure()` in test/bench/helpers.ts, which appends them to $BENCH_SUMMARY_FILE.
// Benchmarks never fail on speed: the exit code is non-zero only when one of them broke.
// Options are passed to every benchmark (`bun run bench --no-build --seconds 20`); each reads
// its own. live.bench.ts takes the longest (three 60 s windows and 1,000 streams, ~4 min).
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cpuBusy, machineFacts } from "../test/bench/helpers.ts";

const root = join(import.meta.dir, "..");
const benchDir = join(root, "test/bench");
const FIRST = "binary.bench.ts";
/** Known benchmarks in the order their figures read best; any others follow alphabetically. */
const ORDER = [
  FIRST,
  "startup.bench.ts",
  "rss.bench.ts",
  "http.bench.ts",
  "auth.bench.ts",
  "live.bench.ts",
  "agents.bench.ts",
  "agent.bench.ts",
  "processes.bench.ts",
  "rules.bench.ts",
  "incidents.bench.ts",
];
const rank = (name: string) => (ORDER.includes(name) ? ORDER.indexOf(name) : ORDER.length);

const files = readdirSync(benchDir)
  .filter((name) => name.endsWith(".bench.ts"))
  .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));

const workDir = mkdtempSync(join(tmpdir(), "warden-bench-summary-"));
const summaryFile = join(workDir, "figures.jsonl");
const facts = machineFacts();
const busyAtStart = await cpuBusy();
const failed: string[] = [];
const started = performance.now();

console.log(`warden benchmarks: ${files.join(", ")}`);
try {
  for (const name of files) {
    const buildsBinary = name === FIRST;
    const proc = Bun.spawn([process.execPath, join(benchDir, name), ...process.argv.slice(2)], {
      cwd: root,
      env: {
        ...process.env,
        BENCH_SUMMARY_FILE: summaryFile,
        ...(buildsBinary ? {} : { BENCH_NO_BUILD: "1" }),
      },
      stdout: "inherit",
      stderr: "inherit",
    });
    const code = await proc.exited;
    if (code !== 0) {
      failed.push(name);
      // Without a binary the remaining benchmarks would only measure a stale or missing one.
      if (buildsBinary) break;
    }
  }

  const figures = readFileSync(summaryFile, { flag: "a+", encoding: "utf8" })
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { name: string; value: string });
  const cell = (text: string) => text.replaceAll("|", "\\|");
  console.log(`\n## Benchmarks\n`);
  console.log("| Figure | Value |");
  console.log("| --- | --- |");
  for (const { name, value } of figures) console.log(`| ${cell(name)} | ${cell(value)} |`);
  console.log(
    `\n_${facts.cpus} × ${facts.cpu}, Linux ${facts.kernel}, Bun ${facts.bun}; CPU busy with other work at start ${(busyAtStart * 100).toFixed(0)}%; ` +
      `\`bun run bench\` on ${new Date().toISOString().slice(0, 10)}, ${Math.round((performance.now() - started) / 1000)} s._`,
  );
} finally {
  rmSync(workDir, { recursive: true, force: true });
}

if (failed.length > 0) {
  console.error(`\nbenchmarks that failed: ${failed.join(", ")}`);
  process.exit(1);
}
