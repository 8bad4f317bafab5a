import { numberOfDFGCompiles } from "bun:jsc";
import { afterEach, expect, test } from "bun:test";
import { type JitMode, JitPolicy, QUIET_JIT_SCALE, quietJit } from "../../src/lib/jit-policy.ts";
import { createLogger } from "../../src/lib/log.ts";

/** A logger that keeps its JSON lines. */
function recordingLogger() {
  const lines: { level: string; msg: string; [field: string]: unknown }[] = [];
  const log = createLogger(
    () => ({ level: "debug", format: "json" }),
    (line) => lines.push(JSON.parse(line)),
  );
  return { log, lines };
}

/** This thread's CPU time (user + system), in milliseconds. */
function threadCpuMs(): number {
  const { user, system } = process.threadCpuUsage();
  return (user + system) / 1000;
}

/**
 * Keeps this thread's CPU busy until it has used `ms` milliseconds of CPU time: on a loaded
 * machine that takes longer than `ms`, but the policy sees the same amount of work.
 */
function burnCpu(ms: number): number {
  const until = threadCpuMs() + ms;
  let n = 0;
  while (threadCpuMs() < until) for (let i = 0; i < 1000; i++) n += Math.sqrt(n + 1);
  return n;
}

const sleep = (ms: number) => Bun.sleep(ms);

let made = 0;

/** A fresh small function: its own source, so no code or profile is shared with an earlier one. */
function freshFunction(): (a: number, b: number) => number {
  made++;
  return new Function("a", "b", `return ((a * 31 + b) ^ (a >>> 3)) % ${1_000_003 + made};`) as (
    a: number,
    b: number,
  ) => number;
}

/**
 * Calls `fn` `calls` times, letting the concurrent compiler work every 100 calls, then waits up
 * to a second for a compile under way; answers whether the DFG compiled it.
 */
async function optimizedAfter(fn: (a: number, b: number) => number, calls: number): Promise<boolean> {
  for (let i = 1; i <= calls; i++) {
    fn(5, i);
    if (i % 100 === 0) await sleep(1);
  }
  for (const until = performance.now() + 1000; performance.now() < until; await sleep(20))
    if (numberOfDFGCompiles(fn) > 0) return true;
  return false;
}

/** Under the normal policy this small function is optimized after a few hundred calls (200–300 measured). */
const CALLS = 1000;

let policies: JitPolicy[] = [];

afterEach(() => {
  for (const policy of policies) policy.stop();
  policies = [];
  // The rest of the suite runs with the normal policy.
  Bun.unsafe.setJITPolicy(1);
});

function policy(
  mode: () => JitMode,
  options: { windowMs?: number; checkMs?: number; busyShare?: number } = {},
) {
  const { log, lines } = recordingLogger();
  const p = new JitPolicy({ mode, log, windowMs: 200, checkMs: 20, busyShare: 0.1, ...options });
  policies.push(p);
  return { p, lines };
}

test("the quiet scale keeps a function out of the optimizing JIT that the normal policy compiles", async () => {
  const normal = freshFunction();
  expect(await optimizedAfter(normal, CALLS)).toBe(true);

  quietJit();
  const quiet = freshFunction();
  expect(await optimizedAfter(quiet, CALLS)).toBe(false);
  expect(quiet(7, 11)).toBe(((7 * 31 + 11) ^ (7 >>> 3)) % (1_000_003 + made));
});

test("adaptive: quiet from the start, normal for good once the main thread was busy", async () => {
  let mode: JitMode = "adaptive";
  const { p, lines } = policy(() => mode);
  p.start();
  expect(p.scale).toBe(QUIET_JIT_SCALE);
  await sleep(100);
  expect(p.busy).toBe(false);
  expect(p.scale).toBe(QUIET_JIT_SCALE);

  // 10 % of one core over 200 ms is 20 ms of CPU time; a busy stretch of 80 ms is well above.
  burnCpu(80);
  await sleep(60);
  expect(p.busy).toBe(true);
  expect(p.scale).toBe(1);
  const busyLine = lines.find((line) => line.msg.startsWith("main thread busy"));
  expect(busyLine?.level).toBe("info");
  expect(busyLine?.cpuMs as number).toBeGreaterThanOrEqual(20);

  // Quiet again afterwards, a reload to normal and back, a second start(): it stays normal.
  await sleep(300);
  expect(p.scale).toBe(1);
  mode = "normal";
  await sleep(60);
  mode = "adaptive";
  p.start();
  await sleep(60);
  expect(p.busy).toBe(true);
  expect(p.scale).toBe(1);
  expect(lines.filter((line) => line.msg.startsWith("main thread busy"))).toHaveLength(1);
  // And the thread really optimizes again.
  expect(await optimizedAfter(freshFunction(), CALLS)).toBe(true);
});

test("adaptive: work below the busy share leaves the policy quiet", async () => {
  // 50 % of a core over 200 ms would take 100 ms of CPU time; 5 ms bursts every 40 ms are ~12 %.
  const { p, lines } = policy(() => "adaptive", { busyShare: 0.5 });
  p.start();
  for (let i = 0; i < 8; i++) {
    burnCpu(5);
    await sleep(35);
  }
  expect(p.busy).toBe(false);
  expect(p.scale).toBe(QUIET_JIT_SCALE);
  expect(lines.some((line) => line.msg.startsWith("main thread busy"))).toBe(false);
});

test("normal mode is normal at once; a reload to adaptive makes it quiet, and back", async () => {
  let mode: JitMode = "normal";
  const { p, lines } = policy(() => mode);
  p.start();
  expect(p.scale).toBe(1);
  mode = "adaptive";
  await sleep(60);
  expect(p.scale).toBe(QUIET_JIT_SCALE);
  mode = "normal";
  await sleep(60);
  expect(p.scale).toBe(1);
  expect(lines.filter((line) => line.msg === "JIT policy").map((line) => line.scale)).toEqual([
    1,
    QUIET_JIT_SCALE,
    1,
  ]);
});

test("busy in normal mode longer than a window ago: a reload to adaptive is quiet", async () => {
  let mode: JitMode = "normal";
  // Half a core over 200 ms (100 ms of CPU time): the burn is above it, the idle thread after
  // it (timers, a garbage collection of the suite's heap) far below.
  const { p } = policy(() => mode, { busyShare: 0.5 });
  p.start();
  burnCpu(150);
  await sleep(450);
  expect(p.busy).toBe(false);
  mode = "adaptive";
  await sleep(60);
  expect(p.busy).toBe(false);
  expect(p.scale).toBe(QUIET_JIT_SCALE);
});

test("after stop() nothing is watched: the scale in force stays", async () => {
  const { p } = policy(() => "adaptive");
  p.start();
  p.stop();
  burnCpu(80);
  await sleep(60);
  expect(p.busy).toBe(false);
  expect(p.scale).toBe(QUIET_JIT_SCALE);
});
