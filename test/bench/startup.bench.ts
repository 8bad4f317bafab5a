// Cold start: spawning `warden serve` in a fresh empty directory until the first 200 from
// GET /readyz (so database creation and every migration are included), then SIGTERM until the
// process has exited. Measured for the compiled binary and for `bun src/main.ts serve`, with the
// memory of the cold-started server at that first 200 (RssAnon and PSS, what it costs, beside
// VmRSS; see helpers.ts).
//
//   bun test/bench/startup.bench.ts [--runs=10] [--no-build]    (or BENCH_RUNS, BENCH_NO_BUILD=1)
//
// Every kind gets one discarded warm-up start first, so the page cache holds the executable and
// the sources in every counted run. /readyz is polled every 5 ms, which bounds the resolution.
// Wall times suffer when other work shares the CPUs; the CPU time of each run hardly does.
// For scale: `warden version` (loads every module, opens nothing) and a compiled
// `console.log` hello world (the floor of any `bun build --compile` executable).
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  ensureBinary,
  freshWorkDir,
  intOption,
  readMemory,
  removeDir,
  type ServerKind,
  startServer,
  wardenCommand,
} from "./helpers.ts";
import { figure, heading, ms, printMachine, printRows, runBench, stats } from "./report.ts";

const LABEL: Record<ServerKind, string> = { binary: "binary", dev: "dev (`bun src/main.ts`)" };

/** Timings of one kind of server over all runs. */
interface Series {
  cold: number[];
  /** CPU time (user + system) of a whole cold run: start, ready, SIGTERM, exit. */
  coldCpu: number[];
  /** RssAnon, PSS and VmRSS (MiB) of the cold-started server at its first /readyz 200. */
  anon: number[];
  pss: number[];
  rss: number[];
  restart: number[];
  stop: number[];
  version: number[];
}

/** Milliseconds from spawning `command` to its exit. */
async function timeCommand(command: string[]): Promise<number> {
  const started = performance.now();
  const proc = Bun.spawn(command, { stdout: "ignore", stderr: "inherit" });
  const code = await proc.exited;
  if (code !== 0) throw new Error(`\`${command.join(" ")}\` exited with ${code}`);
  return performance.now() - started;
}

/** Spawn-to-exit times of a compiled one-line program, `runs` times after one warm-up. */
async function helloWorldTimes(runs: number): Promise<number[]> {
  const { base } = freshWorkDir();
  try {
    const source = join(base, "hello.ts");
    const outfile = join(base, "hello");
    writeFileSync(source, 'console.log("hello");\n');
    const build = Bun.spawnSync([process.execPath, "build", "--compile", source, "--outfile", outfile], {
      stdout: "ignore",
      stderr: "pipe",
    });
    if (build.exitCode !== 0) throw new Error(`compiling hello world failed: ${build.stderr.toString()}`);
    await timeCommand([outfile]);
    const times: number[] = [];
    for (let run = 0; run < runs; run++) times.push(await timeCommand([outfile]));
    return times;
  } finally {
    removeDir(base);
  }
}

async function measure(kind: ServerKind, runs: number): Promise<Series> {
  const series: Series = {
    cold: [],
    coldCpu: [],
    anon: [],
    pss: [],
    rss: [],
    restart: [],
    stop: [],
    version: [],
  };
  for (let run = 0; run <= runs; run++) {
    const counted = run > 0;
    const { base, workDir } = freshWorkDir();
    try {
      const cold = await startServer(kind, { workDir });
      const memory = readMemory(cold.pid);
      const coldStop = await cold.stop();
      // Same directory again: the database exists and is migrated.
      const restart = await startServer(kind, { workDir });
      const restartStop = await restart.stop();
      const versionMs = await timeCommand(wardenCommand(kind, ["version"]));
      if (!counted) {
        console.log(`  warm-up (not counted): cold ${ms(cold.readyMs)}, restart ${ms(restart.readyMs)}`);
        continue;
      }
      series.cold.push(cold.readyMs);
      series.restart.push(restart.readyMs);
      series.coldCpu.push(coldStop.cpuMs);
      series.anon.push(memory.anonMiB);
      series.pss.push(memory.pssMiB);
      series.rss.push(memory.rssMiB);
      series.stop.push(coldStop.ms, restartStop.ms);
      series.version.push(versionMs);
    } finally {
      removeDir(base);
    }
  }
  return series;
}

function row(label: string, values: number[]): [string, string] {
  const s = stats(values);
  return [
    label,
    `min ${ms(s.min)} · median ${ms(s.median)} · p90 ${ms(s.p90)} · max ${ms(s.max)}  (n=${s.n})`,
  ];
}

/** Medians of the memory at the first 200 of the cold starts. */
function memoryMedians(series: Series): string {
  const median = (values: number[]) => stats(values).median.toFixed(1);
  return `RssAnon ${median(series.anon)} MiB · PSS ${median(series.pss)} MiB · VmRSS ${median(series.rss)} MiB`;
}

runBench(async () => {
  const runs = intOption("runs", "BENCH_RUNS", 10);
  heading(`startup (${runs} runs per kind, fresh empty directory each)`);
  await printMachine();
  await ensureBinary();

  const results = new Map<ServerKind, Series>();
  for (const kind of ["binary", "dev"] as const) {
    console.log(`\n${LABEL[kind]}`);
    const series = await measure(kind, runs);
    results.set(kind, series);
    printRows([
      row("cold start → /readyz 200", series.cold),
      row("CPU time of a cold run (user+sys)", series.coldCpu),
      ["memory at the cold /readyz 200 (median)", memoryMedians(series)],
      row("restart (existing db) → 200", series.restart),
      row("SIGTERM → exit", series.stop),
      row("`warden version` spawn → exit", series.version),
    ]);
  }

  const hello = await helloWorldTimes(runs);
  console.log("\nfloor");
  printRows([row("compiled hello world spawn → exit", hello)]);

  console.log("");
  const binary = results.get("binary");
  const dev = results.get("dev");
  for (const [kind, series] of results) {
    const cold = stats(series.cold);
    figure(
      `Cold start to first /readyz 200, ${LABEL[kind]} (median / p90)`,
      `${ms(cold.median)} / ${ms(cold.p90)}`,
    );
    figure(`Memory at the cold start's first /readyz 200, ${LABEL[kind]} (median)`, memoryMedians(series));
  }
  if (binary && dev)
    figure(
      "CPU time of a cold start + stop, binary / dev (median)",
      `${ms(stats(binary.coldCpu).median)} / ${ms(stats(dev.coldCpu).median)}`,
    );
  if (binary) {
    figure("Restart with existing database, binary (median)", ms(stats(binary.restart).median));
    const stop = stats(binary.stop);
    figure("SIGTERM to exit, binary (median / max)", `${ms(stop.median)} / ${ms(stop.max)}`);
    figure(
      "`warden version` spawn to exit, binary (median; compiled hello world)",
      `${ms(stats(binary.version).median)} (${ms(stats(hello).median)})`,
    );
  }
  if (dev) figure("SIGTERM to exit, dev (median)", ms(stats(dev.stop).median));
});
