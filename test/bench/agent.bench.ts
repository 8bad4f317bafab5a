// One `warden agent` at 1 Hz: what it costs the host it runs on, beside what merely sampling
// the host once a second costs a Bun program.
//
//   bun test/bench/agent.bench.ts [--seconds=60] [--no-build]
//
// A hub (the built binary, with the bench admin) makes an enrolment token through the API;
// a real `dist/warden agent --hub URL --token T` with its own data dir and
// `monitor.intervalMs` 1000 enrols and streams. Once the host shows up through the API and
// after a 10 s warm-up, each row measures a window: CPU time (utime + stime of
// /proc/<pid>/stat, plus that of any command it ran) as % of one core, memory at the end and
// the RssAnon peak over readings every 5 s. Rows:
//   - the agent, nobody watching it (the samples the hub stored for it in the window are
//     counted: one a second expected);
//   - the same agent while someone watches its process table (GET /api/v1/hosts/:id/processes
//     every 5 s keeps the watch lease): its busiest mode;
//   - the reference, test/bench/agent-floor.ts compiled with `bun build --compile`: the
//     sampler worker's /proc reads at 1 Hz and nothing else (the floor), and the same figures
//     through systeminformation's API every second.
// Targets: ≤ 0.3 % of one core and ≤ 40 MiB RssAnon for the agent.
import { Database } from "bun:sqlite";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import {
  BINARY,
  ensureBinary,
  freshWorkDir,
  intOption,
  type Memory,
  ROOT,
  readChildrenCpuMs,
  readCpuMs,
  readMemory,
  readThreadCpu,
  removeDir,
  type SignedInServer,
  spawnLogged,
  startSignedInServer,
} from "./helpers.ts";
import {
  busyBetween,
  figure,
  heading,
  memoryLine,
  ms,
  printMachine,
  printRows,
  readSystemCpu,
  runBench,
} from "./report.ts";

const SECONDS = intOption("seconds", "BENCH_SECONDS", 60);
const WARM_UP_MS = 10_000;
const READ_EVERY_MS = 5_000;
const TARGET_CPU_PERCENT = 0.3;
const TARGET_ANON_MIB = 40;
/** The agent samples (and the hub stores) once a second. */
const INTERVAL_ENV = { WARDEN_MONITOR_INTERVALMS: "1000" };

/** A process the bench started: its pid, its output and how to stop it. */
interface Child {
  pid: number;
  log(): string;
  stop(): Promise<void>;
}

/** What one window measured of one process. */
interface Window {
  cpuPercent: number;
  /** Of `cpuPercent`: the commands the process ran and waited for. */
  childrenPercent: number;
  end: Memory;
  peakAnonMiB: number;
  /** CPU % of one core by thread name (pools summed), busiest first. */
  threads: [string, number][];
  /** Share of all CPUs busy (with anything) during the window. */
  machineBusy: number;
  startedAt: number;
  endedAt: number;
}

/** Spawns `command` in `dir` with its output in files beside `dir`, WARDEN_* of this process dropped. */
function spawnChild(command: string[], dir: string, env: Record<string, string> = {}): Child {
  const { proc, log } = spawnLogged(
    command,
    dir,
    join(dir, "..", `${command[1] ?? "child"}-${Date.now()}.log`),
    env,
  );
  return {
    pid: proc.pid,
    log,
    async stop() {
      if (proc.exitCode !== null || proc.signalCode !== null)
        throw new Error(`${command.join(" ")} had exited (${proc.exitCode ?? proc.signalCode}):\n${log()}`);
      proc.kill("SIGTERM");
      await proc.exited;
    },
  };
}

/** Measures `pid` for {@link SECONDS}: CPU time over wall time, memory every 5 s. */
async function measure(pid: number): Promise<Window> {
  const threadsBefore = readThreadCpu(pid);
  const systemBefore = readSystemCpu();
  const cpuBefore = readCpuMs(pid);
  const childrenBefore = readChildrenCpuMs(pid);
  const startedAt = Date.now();
  const started = performance.now();
  const memory = [readMemory(pid)];
  while (performance.now() - started < SECONDS * 1000) {
    await Bun.sleep(Math.min(READ_EVERY_MS, SECONDS * 1000 - (performance.now() - started)));
    memory.push(readMemory(pid));
  }
  const wall = performance.now() - started;
  const children = readChildrenCpuMs(pid) - childrenBefore;
  const cpu = readCpuMs(pid) - cpuBefore + children;
  const byName = new Map<string, number>();
  for (const [tid, { name, cpuMs }] of readThreadCpu(pid)) {
    const key = name.replace(/ \d+$/, "");
    byName.set(key, (byName.get(key) ?? 0) + cpuMs - (threadsBefore.get(tid)?.cpuMs ?? 0));
  }
  return {
    threads: [...byName]
      .filter(([, used]) => used > 0)
      .sort((a, b) => b[1] - a[1])
      .map(([name, used]) => [name, (used / wall) * 100]),
    machineBusy: busyBetween(systemBefore, readSystemCpu()),
    cpuPercent: (cpu / wall) * 100,
    childrenPercent: (children / wall) * 100,
    end: memory[memory.length - 1] ?? readMemory(pid),
    peakAnonMiB: Math.max(...memory.map((m) => m.anonMiB)),
    startedAt,
    endedAt: Date.now(),
  };
}

/** `0.21 % of one core` (with the share of commands it ran, when any). */
function cpuText(window: Window): string {
  const children =
    window.childrenPercent > 0 ? ` (${window.childrenPercent.toFixed(2)} in commands it ran)` : "";
  const threads = window.threads.map(([name, percent]) => `${name} ${percent.toFixed(2)}`).join(", ");
  const busy = `CPUs ${(window.machineBusy * 100).toFixed(0)} % busy meanwhile`;
  return `${window.cpuPercent.toFixed(2)} % of one core${children} · threads: ${threads || "none"} · ${busy}`;
}

/** `met` or `missed` for a figure against a ceiling. */
function verdict(value: number, ceiling: number): string {
  return value <= ceiling ? "met" : "missed";
}

/** Creates a one-use enrolment token through the API. */
async function enrolmentToken(hub: SignedInServer): Promise<string> {
  const created = await fetch(`${hub.url}/api/v1/hosts/enrolment-tokens`, {
    method: "POST",
    headers: { ...hub.auth, "Content-Type": "application/json" },
    body: JSON.stringify({ name: "bench agent", maxUses: 1 }),
  });
  if (created.status !== 201) throw new Error(`enrolment token: ${created.status} ${await created.text()}`);
  return ((await created.json()) as { token: string }).token;
}

/** Polls `GET /api/v1/hosts` until an agent's host has reported; its id. */
async function waitForAgentHost(hub: SignedInServer, agent: Child, timeoutMs = 60_000): Promise<string> {
  const started = performance.now();
  for (;;) {
    const response = await fetch(`${hub.url}/api/v1/hosts`, { headers: hub.auth });
    const hosts = (await response.json()) as { id: string; kind: string; lastSeenAt: number | null }[];
    const host = hosts.find((h) => h.kind === "agent" && h.lastSeenAt !== null);
    if (host) return host.id;
    if (performance.now() - started > timeoutMs)
      throw new Error(`the agent's host did not show up within ${timeoutMs} ms:\n${agent.log()}`);
    await Bun.sleep(250);
  }
}

/** Samples the hub stored for `hostId` taken (agent clock) within the window. */
function storedSamples(hub: SignedInServer, hostId: string, window: Window): number {
  const db = new Database(join(hub.workDir, "data", "warden.db"), { readonly: true });
  try {
    const row = db
      .query("select count(*) as n from host_samples where host_id = ? and agent_at >= ? and agent_at < ?")
      .get(hostId, window.startedAt, window.endedAt) as { n: number };
    return row.n;
  } finally {
    db.close();
  }
}

/**
 * Asks for the host's process table now and every 5 s (each request renews the watch) until
 * the returned function is called; that resolves with the answers and how many held a table
 * read in the 2 s before (the agent really reading it every tick).
 */
function watchProcesses(
  hub: SignedInServer,
  hostId: string,
): () => Promise<{ asked: number; fresh: number }> {
  let stopped = false;
  let asked = 0;
  let fresh = 0;
  const failures: string[] = [];
  const loop = (async () => {
    while (!stopped) {
      const response = await fetch(`${hub.url}/api/v1/hosts/${hostId}/processes`, { headers: hub.auth });
      const text = await response.text();
      asked++;
      if (response.status !== 200) failures.push(`${response.status} ${text.slice(0, 200)}`);
      else if (Date.now() - ((JSON.parse(text) as { at: number | null }).at ?? 0) < 2000) fresh++;
      for (let waited = 0; waited < READ_EVERY_MS && !stopped; waited += 250) await Bun.sleep(250);
    }
  })();
  return async () => {
    stopped = true;
    await loop;
    if (failures.length > 0) throw new Error(`GET …/processes failed: ${failures.join("; ")}`);
    return { asked, fresh };
  };
}

/** Compiles test/bench/agent-floor.ts into `dir`; the executable's path. */
async function compileFloor(dir: string): Promise<string> {
  const outfile = join(dir, "agent-floor");
  const build = Bun.spawn(
    ["bun", "build", "--compile", join(ROOT, "test/bench/agent-floor.ts"), "--outfile", outfile],
    { cwd: ROOT, stdout: "pipe", stderr: "pipe" },
  );
  const [out, err, code] = await Promise.all([
    new Response(build.stdout).text(),
    new Response(build.stderr).text(),
    build.exited,
  ]);
  if (code !== 0) throw new Error(`bun build --compile agent-floor.ts failed (${code}):\n${out}${err}`);
  return outfile;
}

/** Runs the reference in `mode` for a warm-up and a window. */
async function measureFloor(executable: string, mode: "proc" | "si", dir: string): Promise<Window> {
  const floor = spawnChild([executable, mode], dir);
  try {
    await Bun.sleep(WARM_UP_MS);
    return await measure(floor.pid);
  } finally {
    await floor.stop();
  }
}

async function main(): Promise<void> {
  heading(`agent: one warden agent at 1 Hz against a hub, ${SECONDS} s windows`);
  await printMachine();
  await ensureBinary();
  const { base, workDir } = freshWorkDir();
  const hub = await startSignedInServer("binary", { workDir, env: INTERVAL_ENV });
  const agentDir = join(base, "agent");
  mkdirSync(agentDir);
  let agent: Child | null = null;
  let hubRunning = true;
  try {
    const token = await enrolmentToken(hub);
    const spawned = performance.now();
    agent = spawnChild(
      [BINARY, "agent", "--hub", hub.url, "--token", token, "--data-dir", agentDir],
      agentDir,
      INTERVAL_ENV,
    );
    const hostId = await waitForAgentHost(hub, agent);
    const streamingMs = performance.now() - spawned;
    const startMemory = readMemory(agent.pid);

    await Bun.sleep(WARM_UP_MS);
    const idle = await measure(agent.pid);
    await Bun.sleep(1500); // The hub stores a tick's samples on its next tick.
    const stored = storedSamples(hub, hostId, idle);

    const stopWatching = watchProcesses(hub, hostId);
    let watched: Window;
    try {
      await Bun.sleep(WARM_UP_MS);
      watched = await measure(agent.pid);
    } catch (error) {
      await stopWatching().catch(() => undefined);
      throw error;
    }
    const tables = await stopWatching();
    await agent.stop();
    agent = null;
    hubRunning = false;
    await hub.stop();

    const floorExe = await compileFloor(base);
    const floor = await measureFloor(floorExe, "proc", agentDir);
    const viaSi = await measureFloor(floorExe, "si", agentDir);

    printRows([
      ["agent streaming", `${ms(streamingMs)} after the spawn · ${memoryLine(startMemory)} then`],
      [
        "agent, nobody watching",
        `${cpuText(idle)} · target ≤ ${TARGET_CPU_PERCENT} %: ${verdict(idle.cpuPercent, TARGET_CPU_PERCENT)}`,
      ],
      ["  memory at the end", memoryLine(idle.end)],
      [
        "  RssAnon peak (5 s readings)",
        `${idle.peakAnonMiB.toFixed(1)} MiB · target ≤ ${TARGET_ANON_MIB} MiB: ${verdict(idle.peakAnonMiB, TARGET_ANON_MIB)}`,
      ],
      ["  samples the hub stored", `${stored} in ${SECONDS} s (1 Hz: ~${SECONDS})`],
      ["agent, process table watched", cpuText(watched)],
      ["  process tables asked for", `${tables.asked}, ${tables.fresh} of them read < 2 s before`],
      ["  memory at the end", memoryLine(watched.end)],
      ["  RssAnon peak (5 s readings)", `${watched.peakAnonMiB.toFixed(1)} MiB`],
      ["reference: Bun + /proc reads at 1 Hz", cpuText(floor)],
      ["  memory at the end", `${memoryLine(floor.end)} · peak RssAnon ${floor.peakAnonMiB.toFixed(1)} MiB`],
      ["reference: Bun + systeminformation API at 1 Hz", cpuText(viaSi)],
      ["  memory at the end", `${memoryLine(viaSi.end)} · peak RssAnon ${viaSi.peakAnonMiB.toFixed(1)} MiB`],
    ]);
    figure(
      "agent: CPU at 1 Hz (idle · watched · floor)",
      `${idle.cpuPercent.toFixed(2)} · ${watched.cpuPercent.toFixed(2)} · ${floor.cpuPercent.toFixed(2)} % of one core`,
    );
    figure(
      "agent: RssAnon peak (agent · floor)",
      `${idle.peakAnonMiB.toFixed(1)} · ${floor.peakAnonMiB.toFixed(1)} MiB`,
    );
    figure("agent: samples stored", `${stored} in ${SECONDS} s`);
  } finally {
    await agent?.stop().catch(() => undefined);
    if (hubRunning) await hub.stop().catch(() => undefined);
    removeDir(base);
  }
}

runBench(main);
