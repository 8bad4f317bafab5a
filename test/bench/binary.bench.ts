// Size of the single-file executable (and how long the build takes).
//
//   bun test/bench/binary.bench.ts              builds dist/warden, then measures it
//   bun test/bench/binary.bench.ts --no-build   measures the existing dist/warden (or BENCH_NO_BUILD=1)
import { statSync } from "node:fs";
import { ensureBinary } from "./helpers.ts";
import { figure, heading, mib, ms, printMachine, printRows, runBench } from "./report.ts";

runBench(async () => {
  heading("binary");
  await printMachine();
  const binary = await ensureBinary();
  // The executable is the Bun runtime plus the bundle and embedded assets; the running bun
  // is the same release, so the difference is roughly what Warden itself adds.
  const runtimeBytes = statSync(process.execPath).size;
  printRows([
    ["path", binary.path],
    ["size", `${binary.sizeBytes.toLocaleString("en-US")} bytes (${mib(binary.sizeBytes)})`],
    ["bun runtime", `${mib(runtimeBytes)} (${process.execPath})`],
    [
      "warden on top",
      `${mib(binary.sizeBytes - runtimeBytes)} (bundle, libsql addon, public/, migrations/, …)`,
    ],
    ["build", binary.buildMs === undefined ? "skipped (existing binary)" : ms(binary.buildMs)],
  ]);
  figure(
    "Binary size (dist/warden, linux-x64)",
    `${mib(binary.sizeBytes)} (Bun runtime ${mib(runtimeBytes)} + Warden ${mib(binary.sizeBytes - runtimeBytes)})`,
  );
  if (binary.buildMs !== undefined) figure("Build time (`bun run build`)", ms(binary.buildMs));
});
