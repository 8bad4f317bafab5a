// The process table: the cost of one refresh as the sampler worker does it (read /proc), on
// this host as it is and with 1,000 extra `sleep` processes spawned here, and the cost per
// process; side by side with systeminformation's processes(), which forks `ps` on each call.
// Then the same through a running binary: GET /api/v1/processes latency and the server's CPU
// while a viewer keeps the table live (one refresh every monitor.processIntervalMs).
//
//   bun test/bench/processes.bench.ts [--runs=20] [--extra=1000] [--seconds=20] [--no-build]
import { readdirSync } from "node:fs";
import si from "systeminformation";
import { ProcessTable } from "../../src/monitor/processes.ts";
import { ensureBinary, intOption, readChildrenCpuMs, readCpuMs, startSignedInServer } from "./helpers.ts";
import { figure, heading, ms, printMachine, printRows, runBench, stats } from "./report.ts";

const RUNS = intOption("runs", "BENCH_RUNS", 20);
const EXTRA = intOption("extra", "BENCH_EXTRA_PROCESSES", 1000);
const SECONDS = intOption("seconds", "BENCH_SECONDS", 20);

const processCount = () => readdirSync("/proc").filter((e) => /^\d+$/.test(e)).length;

/**
 * CPU ms (this process, all threads; and its waited-for children) and wall ms of each of
 * `RUNS` calls, `gapMs` apart (systeminformation answers a call within ~0.5 s of the
 * previous one from its cache).
 */
async function measure(call: () => unknown | Promise<unknown>, gapMs = 0) {
  const cpu: number[] = [];
  const wall: number[] = [];
  const children: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const c0 = process.cpuUsage();
    const k0 = readChildrenCpuMs(process.pid);
    const t0 = performance.now();
    await call();
    wall.push(performance.now() - t0);
    const used = process.cpuUsage(c0);
    cpu.push((used.user + used.system) / 1000);
    children.push(readChildrenCpuMs(process.pid) - k0);
    if (gapMs) await Bun.sleep(gapMs);
  }
  return { cpu: stats(cpu), wall: stats(wall), children: stats(children) };
}

async function tableCosts(label: string) {
  const table = new ProcessTable();
  table.read();
  const n = processCount();
  const warden = await measure(() => table.read());
  const ps = await measure(() => si.processes(), 1000);
  heading(`${label}: ${n} processes`);
  printRows([
    ["warden /proc refresh CPU", `median ${ms(warden.cpu.median)} · p90 ${ms(warden.cpu.p90)}`],
    ["warden /proc refresh wall", `median ${ms(warden.wall.median)}`],
    [
      "systeminformation processes()",
      `median ${ms(ps.wall.median)} wall · ${ms(ps.cpu.median)} CPU here + ${ms(ps.children.median)} in forked ps`,
    ],
  ]);
  return { n, warden, ps };
}

runBench(async () => {
  await printMachine();
  const base = await tableCosts("this host");
  const sleepers: Bun.Subprocess[] = [];
  try {
    for (let i = 0; i < EXTRA; i++)
      sleepers.push(Bun.spawn(["sleep", "600"], { stdout: "ignore", stderr: "ignore" }));
    await Bun.sleep(500);
    const busy = await tableCosts(`with ${EXTRA} extra processes`);
    const perProcess = (busy.warden.cpu.median - base.warden.cpu.median) / (busy.n - base.n);
    figure(
      "process table refresh, 1,000+ processes (CPU)",
      `${ms(busy.warden.cpu.median)} for ${busy.n} processes`,
    );
    figure("process table cost per process", `${(perProcess * 1000).toFixed(1)} µs`);
    figure(
      "systeminformation processes() for comparison",
      `${ms(busy.ps.wall.median)} wall, ${ms(busy.ps.cpu.median + busy.ps.children.median)} CPU`,
    );

    await ensureBinary();
    const server = await startSignedInServer("binary");
    try {
      const latency: number[] = [];
      const url = `${server.url}/api/v1/processes?limit=5000`;
      const cpu0 = readCpuMs(server.pid);
      const end = Date.now() + SECONDS * 1000;
      while (Date.now() < end) {
        const t0 = performance.now();
        const res = await fetch(url, { headers: server.auth });
        if (res.status !== 200) throw new Error(`GET /api/v1/processes answered ${res.status}`);
        await res.arrayBuffer();
        latency.push(performance.now() - t0);
        await Bun.sleep(2000);
      }
      const cpuPct = ((readCpuMs(server.pid) - cpu0) / (SECONDS * 1000)) * 100;
      const lat = stats(latency.slice(1));
      heading(`binary, one viewer polling every 2 s for ${SECONDS} s, ${processCount()} processes`);
      printRows([
        ["GET /api/v1/processes?limit=5000", `median ${ms(lat.median)} · max ${ms(lat.max)}`],
        ["server CPU (all threads)", `${cpuPct.toFixed(1)} % of one core`],
      ]);
      figure("GET /api/v1/processes, 1,000+ processes", `median ${ms(lat.median)}`);
      figure("server CPU with the process table live", `${cpuPct.toFixed(1)} % of one core`);
    } finally {
      await server.stop();
    }
  } finally {
    for (const sleeper of sleepers) sleeper.kill("SIGKILL");
  }
});
