// Live monitoring against the binary over loopback: what the sampler and the Server-Sent Events
// stream cost the server, how late each tick reaches a viewer, and whether a thousand viewers
// can be held at once.
//
//   bun test/bench/live.bench.ts [--seconds=60] [--viewers=100] [--clients=1000] [--hold=20]
//                                [--only=viewers|clients] [--no-build]
//   (or BENCH_LIVE_SECONDS, BENCH_LIVE_VIEWERS, BENCH_LIVE_CLIENTS, BENCH_LIVE_HOLD, BENCH_LIVE_ONLY)
//
// The server samples /proc once a second in a worker thread (`monitor.intervalMs` 1000, the
// default) whether anyone watches or not, and publishes each sample as `metrics.tick` on
// `GET /events?topics=metrics`, after a `metrics.snapshot` for every new stream. The viewers
// here are SSE clients on raw sockets (sse.ts), signed in with a bearer access token.
//
// (a)/(b) One server, three windows of `seconds` each (60 s, as the issue asks):
//     0 viewers (started, never signed in: the baseline), 1 viewer (after the bench admin signed
//     in), `viewers` viewers (100). For each window: the server's CPU time (user + system of all
//     its threads, /proc/<pid>/stat) as % of one core, and the same for the commands it ran
//     (none since the slow cadence reads statfs instead of forking `df`; the host facts at
//     start fork a few; cutime + cstime); CPU by thread; memory at the end (RssAnon and PSS,
//     what the server costs; VmRSS, which adds clean pages of the executable the kernel may
//     drop at will) and the window's peak VmHWM (reset through /proc/<pid>/clear_refs when the window starts, so the
//     argon2id sign-in, 64 MiB, does not hide in it); how busy the whole machine was meanwhile.
// (c) Sample-to-client latency: for every `metrics.tick` received in a window, the client's
//     arrival time minus the sample's `at` (Date.now() in the sampler before it reads /proc;
//     same machine clock). Integer milliseconds on the server side, so figures carry up to
//     +1 ms of rounding. Reported for 1 and for 100 viewers (and for the thousand below).
// (d) `clients` (1,000) concurrent streams, 50 opening at a time, spread over ⌈clients / 100⌉
//     users made with `warden user create` (`realtime.maxStreamsPerUser` is at most 100;
//     the bench sets it to 100), each signed in once. Once all are open they are held for
//     `hold` seconds (20; at least 15 is the point): clients with ≥ 10 ticks in the hold,
//     errors (non-200, connection failures, disconnects, protocol errors), the server's CPU
//     and memory, latency, and RSS after every stream was closed again.
// The rate limiter is off (WARDEN_RATELIMIT_ENABLED=false). Benchmarks print figures and do not
// fail on speed; this one fails when a stream cannot be opened in (a)/(b) or the server dies.
import { availableParallelism } from "node:os";
import {
  BENCH_USER,
  type CliUser,
  createUserWithCli,
  ensureBinary,
  freshWorkDir,
  intOption,
  LONG_ACCESS_TOKENS,
  type Memory,
  NO_RATE_LIMIT,
  postLogin,
  type RunningServer,
  readChildrenCpuMs,
  readCpuMs,
  readMemory,
  readThreadCpu,
  removeDir,
  resetPeakMemory,
  startServer,
  stringOption,
} from "./helpers.ts";
import {
  busyBetween,
  count,
  figure,
  heading,
  memoryLine,
  ms,
  percentile,
  printMachine,
  printRows,
  readSystemCpu,
  runBench,
} from "./report.ts";
import { SseClient, type SseFailure } from "./sse.ts";

/** The schema's maximum of `realtime.maxStreamsPerUser`. */
const STREAMS_PER_USER = 100;
const EVENTS_PATH = "/events?topics=metrics";
/** Quiet time after start-up and after signing in, before a window starts. */
const SETTLE_MS = 5_000;
/** Streams being opened at once in (d). */
const OPEN_CONCURRENCY = 50;
/** A stream that has not delivered its snapshot by then counts as failed. */
const SNAPSHOT_TIMEOUT_MS = 15_000;
/** The targets. */
const TARGET = { cpuPercent: 0.5, anonOneMiB: 32, anonManyMiB: 48, p95Ms: 50, clients: 1_000 };

interface Options {
  seconds: number;
  viewers: number;
  clients: number;
  hold: number;
  only: "viewers" | "clients" | undefined;
}

function options(): Options {
  const only = stringOption("only", "BENCH_LIVE_ONLY");
  if (only !== undefined && only !== "viewers" && only !== "clients")
    throw new Error(`--only must be viewers or clients, not ${only}`);
  return {
    seconds: intOption("seconds", "BENCH_LIVE_SECONDS", 60),
    viewers: intOption("viewers", "BENCH_LIVE_VIEWERS", 100),
    clients: intOption("clients", "BENCH_LIVE_CLIENTS", 1_000),
    hold: intOption("hold", "BENCH_LIVE_HOLD", 20),
    only,
  };
}

/** What the viewers of a run record: per-tick latencies while a window is open. */
class Recorder {
  recording = false;
  latencies: number[] = [];
  /** Per sample (`at`), the latency of the first and of the last viewer that got it. */
  perTick = new Map<number, { first: number; last: number }>();
  /** Ticks whose `at` was more than 1.5 intervals after the previous one a viewer got. */
  gaps = 0;
  /** Events before the snapshot, unparsable ticks. */
  oddities: string[] = [];

  start(): void {
    this.latencies = [];
    this.perTick = new Map();
    this.recording = true;
  }

  record(at: number, latency: number): void {
    this.latencies.push(latency);
    const tick = this.perTick.get(at);
    if (!tick) this.perTick.set(at, { first: latency, last: latency });
    else {
      tick.first = Math.min(tick.first, latency);
      tick.last = Math.max(tick.last, latency);
    }
  }

  stop(): number[] {
    this.recording = false;
    return this.latencies;
  }
}

/** One SSE viewer and what it received. */
interface Viewer {
  client: SseClient;
  /** Milliseconds from opening to the snapshot. */
  snapshotMs?: number;
  snapshotBytes?: number;
  ticks: number;
  /** Ticks while the recorder was recording. */
  windowTicks: number;
  lastAt?: number;
  /** Resolves true once the snapshot arrived, false when the stream failed first or timed out. */
  ready: Promise<boolean>;
}

function openViewer(port: number, auth: { Authorization: string }, recorder: Recorder): Viewer {
  const opened = performance.now();
  let settle: (ok: boolean) => void = () => {};
  const ready = new Promise<boolean>((resolve) => {
    settle = resolve;
  });
  const viewer: Viewer = { client: undefined as unknown as SseClient, ticks: 0, windowTicks: 0, ready };
  const timer = setTimeout(() => {
    if (viewer.snapshotMs === undefined) settle(false);
  }, SNAPSHOT_TIMEOUT_MS);
  viewer.client = new SseClient({
    port,
    path: EVENTS_PATH,
    headers: auth,
    onEvent: (event, receivedAt) => {
      if (event.event === "metrics.snapshot") {
        if (viewer.snapshotMs === undefined) {
          viewer.snapshotMs = performance.now() - opened;
          viewer.snapshotBytes = event.data.length;
          clearTimeout(timer);
          settle(true);
        }
        return;
      }
      if (event.event !== "metrics.tick") return;
      if (viewer.snapshotMs === undefined && recorder.oddities.length < 5)
        recorder.oddities.push("a tick arrived before the snapshot");
      const at = Number(/^\{"at":(\d+)/.exec(event.data)?.[1] ?? JSON.parse(event.data).at);
      if (!Number.isFinite(at)) {
        if (recorder.oddities.length < 5)
          recorder.oddities.push(`tick without "at": ${event.data.slice(0, 80)}`);
        return;
      }
      if (viewer.lastAt !== undefined && at - viewer.lastAt > 1_500) recorder.gaps++;
      viewer.lastAt = at;
      viewer.ticks++;
      if (recorder.recording) {
        viewer.windowTicks++;
        recorder.record(at, receivedAt - at);
      }
    },
    onFailure: () => {
      clearTimeout(timer);
      settle(false);
    },
  });
  void viewer.client.open();
  return viewer;
}

/** Opens `n` viewers, `concurrency` at a time, the i-th with `auths[⌊i / STREAMS_PER_USER⌋]`. */
async function openViewers(
  n: number,
  port: number,
  auths: { Authorization: string }[],
  recorder: Recorder,
  concurrency: number,
  offset = 0,
): Promise<Viewer[]> {
  const viewers: Viewer[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, n) }, async () => {
      while (next < n) {
        const i = next++;
        const auth = auths[Math.floor((offset + i) / STREAMS_PER_USER)];
        if (!auth) throw new Error(`no signed-in user for stream ${offset + i + 1}`);
        const viewer = openViewer(port, auth, recorder);
        viewers.push(viewer);
        await viewer.ready;
      }
    }),
  );
  return viewers;
}

function describeFailure(failure: SseFailure): string {
  switch (failure.kind) {
    case "status":
      return `HTTP ${failure.status}`;
    case "connect":
      return `connect: ${failure.message}`;
    case "protocol":
      return `protocol: ${failure.message}`;
    case "disconnect":
      return `disconnect: ${failure.message}`;
  }
}

/** Failures of `viewers` grouped by description, e.g. `3× HTTP 429`. */
function failures(viewers: Viewer[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const { client } of viewers)
    if (client.failure) {
      const key = describeFailure(client.failure);
      out.set(key, (out.get(key) ?? 0) + 1);
    }
  return out;
}

function formatCounts(counts: Map<string, number>): string {
  return [...counts].map(([what, n]) => `${count(n)}× ${what}`).join(", ") || "none";
}

/** Figures of one measured window. */
interface Window {
  label: string;
  wallMs: number;
  cpuMs: number;
  childrenCpuMs: number;
  /** Server CPU as % of one core. */
  cpuPercent: number;
  /** Server CPU plus the commands it ran, as % of one core. */
  totalPercent: number;
  threads: [string, number][];
  memory: Memory;
  /** How busy all CPUs were, 0–1. */
  machineBusy: number;
  /** This benchmark process's CPU as % of one core (the clients). */
  clientPercent: number;
  latencies: number[];
  /** Latency of the first and of the last viewer to get each sample. */
  firstLatencies: number[];
  lastLatencies: number[];
  /** Ticks each viewer received in the window. */
  ticks: number[];
}

/** Measures the server for `seconds` while `viewers` stay connected. */
async function measureWindow(
  label: string,
  server: RunningServer,
  seconds: number,
  viewers: Viewer[],
  recorder: Recorder,
): Promise<Window> {
  const { pid } = server;
  resetPeakMemory(pid);
  for (const viewer of viewers) viewer.windowTicks = 0;
  const threadsBefore = readThreadCpu(pid);
  const systemBefore = readSystemCpu();
  const selfBefore = process.cpuUsage();
  const cpuBefore = readCpuMs(pid);
  const childrenBefore = readChildrenCpuMs(pid);
  const started = performance.now();
  recorder.start();
  await Bun.sleep(seconds * 1000);
  const latencies = recorder.stop();
  const perTick = [...recorder.perTick.values()];
  const wallMs = performance.now() - started;
  const cpuMs = readCpuMs(pid) - cpuBefore;
  const childrenCpuMs = readChildrenCpuMs(pid) - childrenBefore;
  const self = process.cpuUsage(selfBefore);
  const machineBusy = busyBetween(systemBefore, readSystemCpu());
  const byName = new Map<string, number>();
  for (const [tid, { name, cpuMs: after }] of readThreadCpu(pid)) {
    const used = after - (threadsBefore.get(tid)?.cpuMs ?? 0);
    // Thread pools number their threads ("Bun Pool 0", "Bun Pool 1"): one entry per pool.
    const key = name.replace(/ \d+$/, "");
    byName.set(key, (byName.get(key) ?? 0) + used);
  }
  return {
    label,
    wallMs,
    cpuMs,
    childrenCpuMs,
    cpuPercent: (cpuMs / wallMs) * 100,
    totalPercent: ((cpuMs + childrenCpuMs) / wallMs) * 100,
    threads: [...byName].filter(([, used]) => used > 0).sort((a, b) => b[1] - a[1]),
    memory: readMemory(pid),
    machineBusy,
    clientPercent: ((self.user + self.system) / 1000 / wallMs) * 100,
    latencies,
    firstLatencies: perTick.map((tick) => tick.first),
    lastLatencies: perTick.map((tick) => tick.last),
    ticks: viewers.map((viewer) => viewer.windowTicks),
  };
}

function pct(value: number): string {
  return Number.isFinite(value) ? `${value < 10 ? value.toFixed(2) : value.toFixed(1)} %` : "n/a";
}

function mem(memory: Memory): string {
  return `${memoryLine(memory)} · window peak VmHWM ${memory.peakMiB.toFixed(1)} MiB · ${memory.threads} threads`;
}

/** p50 / p95 / max of latencies, with their count. */
function latencyLine(latencies: number[]): string {
  if (latencies.length === 0) return "no ticks";
  const sorted = [...latencies].sort((a, b) => a - b);
  return `p50 ${ms(percentile(sorted, 50))} · p95 ${ms(percentile(sorted, 95))} · p99 ${ms(percentile(sorted, 99))} · max ${ms(sorted[sorted.length - 1] as number)} (min ${ms(sorted[0] as number)}, ${count(sorted.length)} ticks)`;
}

function p(latencies: number[], rank: number): number {
  return percentile(
    [...latencies].sort((a, b) => a - b),
    rank,
  );
}

function printWindow(window: Window): void {
  const cores = availableParallelism();
  const machine = window.machineBusy * cores * 100;
  const other = machine - window.cpuPercent - window.clientPercent;
  const ticks = [...window.ticks].sort((a, b) => a - b);
  const rows: [string, string][] = [
    [
      "server CPU",
      `${pct(window.cpuPercent)} of one core (${Math.round(window.cpuMs)} ms in ${(window.wallMs / 1000).toFixed(1)} s); with the commands it ran (${Math.round(window.childrenCpuMs)} ms) ${pct(window.totalPercent)}`,
    ],
    [
      "  by thread",
      window.threads.map(([name, used]) => `${name} ${Math.round(used)} ms`).join(", ") ||
        "nothing measurable",
    ],
    ["memory at the end", mem(window.memory)],
    [
      "machine meanwhile",
      `${pct(window.machineBusy * 100)} of ${cores} CPUs busy = ${pct(machine)} of one core: warden ${pct(window.cpuPercent)}, bench clients ${pct(window.clientPercent)}, other work ~${pct(Math.max(0, other))}`,
    ],
  ];
  if (ticks.length > 0) {
    rows.push(
      [
        "ticks per viewer",
        `min ${ticks[0]} · median ${percentile(ticks, 50)} · max ${ticks[ticks.length - 1]} (1 Hz for ${(window.wallMs / 1000).toFixed(0)} s)`,
      ],
      ["sample → client latency", latencyLine(window.latencies)],
    );
    if (window.ticks.length > 1)
      rows.push([
        "  first / last viewer per sample",
        `p50 ${ms(p(window.firstLatencies, 50))} / ${ms(p(window.lastLatencies, 50))} · p95 ${ms(p(window.firstLatencies, 95))} / ${ms(p(window.lastLatencies, 95))} (the spread is the fan-out, server writes and client reads together)`,
      ]);
  }
  console.log(`\n${window.label}`);
  printRows(rows);
}

/** A user of the run: the bench admin first, then viewers `viewer02`, `viewer03`, … */
function runUser(index: number): CliUser {
  if (index === 0) return { ...BENCH_USER, role: "admin" };
  const name = `viewer${String(index + 1).padStart(2, "0")}`;
  return { email: `${name}@example.test`, username: name, password: BENCH_USER.password, role: "viewer" };
}

/** Starts the binary in a fresh directory holding `users` users (made with the CLI), streams capped at 100 per user. */
async function startLiveServer(
  users: number,
): Promise<{ server: RunningServer; base: string; users: CliUser[] }> {
  const { base, workDir } = freshWorkDir();
  const env: Record<string, string> = {
    ...NO_RATE_LIMIT,
    ...LONG_ACCESS_TOKENS,
    WARDEN_REALTIME_MAXSTREAMSPERUSER: String(STREAMS_PER_USER),
  };
  const made: CliUser[] = [];
  for (let i = 0; i < users; i++) {
    const user = runUser(i);
    await createUserWithCli("binary", workDir, user, env);
    made.push(user);
  }
  const server = await startServer("binary", { workDir, env });
  return { server, base, users: made };
}

async function signInAs(server: RunningServer, user: CliUser): Promise<{ Authorization: string }> {
  const attempt = await postLogin(server.url, user.username, user.password);
  if (attempt.status !== 200 || typeof attempt.body.accessToken !== "string")
    throw new Error(
      `sign-in as ${user.username} answered ${attempt.status}: ${JSON.stringify(attempt.body)}`,
    );
  return { Authorization: `Bearer ${attempt.body.accessToken}` };
}

/** Warnings and errors in the server's JSON log, e.g. a sampler restart. */
function logProblems(server: RunningServer): string[] {
  return server
    .log()
    .split("\n")
    .filter((line) => /"level":"(warn|error)"/.test(line) || /\b(error|panic)\b/i.test(line))
    .slice(0, 5);
}

function closeAll(viewers: Viewer[]): void {
  for (const viewer of viewers) viewer.client.close();
}

interface ViewersResult {
  idle: Window;
  one: Window;
  many: Window;
  readyMemory: Memory;
  signedInMemory: Memory;
  peakBeforeOne: number;
  snapshotBytes: number;
}

async function viewersPart(opts: Options): Promise<ViewersResult> {
  heading(`live monitoring: 0, 1 and ${opts.viewers} SSE viewers, ${opts.seconds} s each (binary)`);
  const users = Math.ceil(opts.viewers / STREAMS_PER_USER);
  const { server, base, users: made } = await startLiveServer(users);
  const recorder = new Recorder();
  const viewers: Viewer[] = [];
  try {
    const readyMemory = readMemory(server.pid);
    console.log(
      `  server pid ${server.pid} ready in ${ms(server.readyMs)}; ${users} user(s); settling ${SETTLE_MS / 1000} s`,
    );
    await Bun.sleep(SETTLE_MS);
    const idle = await measureWindow(
      "0 viewers (never signed in: sampler only)",
      server,
      opts.seconds,
      [],
      recorder,
    );
    printWindow(idle);

    const auths: { Authorization: string }[] = [];
    for (const user of made) auths.push(await signInAs(server, user));
    const peakBeforeOne = readMemory(server.pid).peakMiB;
    await Bun.sleep(SETTLE_MS);
    const signedInMemory = readMemory(server.pid);
    viewers.push(...(await openViewers(1, server.port, auths, recorder, 1)));
    const first = viewers[0];
    if (!first?.snapshotMs)
      throw new Error(`the first viewer got no snapshot: ${formatCounts(failures(viewers))}`);
    const one = await measureWindow("1 viewer", server, opts.seconds, viewers, recorder);
    printWindow(one);

    viewers.push(...(await openViewers(opts.viewers - 1, server.port, auths, recorder, OPEN_CONCURRENCY, 1)));
    const failed = failures(viewers);
    if (failed.size > 0) throw new Error(`viewers failed: ${formatCounts(failed)}`);
    const many = await measureWindow(`${opts.viewers} viewers`, server, opts.seconds, viewers, recorder);
    printWindow(many);
    const lost = failures(viewers);
    if (lost.size > 0) throw new Error(`viewers failed during the window: ${formatCounts(lost)}`);

    console.log("");
    printRows([
      ["memory at first /readyz 200", memoryLine(readyMemory)],
      [
        "after the sign-in (argon2id)",
        `peak VmHWM ${peakBeforeOne.toFixed(1)} MiB; ${SETTLE_MS / 1000} s later ${memoryLine(signedInMemory)}`,
      ],
      [
        "snapshot event",
        `${count(first.snapshotBytes ?? 0)} bytes of data, first viewer got it in ${ms(first.snapshotMs)}`,
      ],
      ["gaps in ticks (> 1.5 s apart)", `${recorder.gaps} (all viewers)`],
      ["oddities", recorder.oddities.join("; ") || "none"],
      ["server log warnings/errors", logProblems(server).join(" | ") || "none"],
    ]);
    return {
      idle,
      one,
      many,
      readyMemory,
      signedInMemory,
      peakBeforeOne,
      snapshotBytes: first.snapshotBytes ?? 0,
    };
  } finally {
    closeAll(viewers);
    await Bun.sleep(200);
    await server.stop();
    removeDir(base);
  }
}

interface ClientsResult {
  clients: number;
  users: number;
  opened: number;
  openSeconds: number;
  snapshotMs: number[];
  hold: Window;
  threshold: number;
  enough: number;
  failed: Map<string, number>;
  afterClose: Memory;
  peakDuringOpen: number;
}

async function clientsPart(opts: Options): Promise<ClientsResult> {
  const users = Math.ceil(opts.clients / STREAMS_PER_USER);
  heading(
    `live monitoring: ${count(opts.clients)} concurrent SSE clients over ${users} users, held ${opts.hold} s (binary)`,
  );
  const { server, base, users: made } = await startLiveServer(users);
  const recorder = new Recorder();
  let viewers: Viewer[] = [];
  try {
    const auths: { Authorization: string }[] = [];
    for (const user of made) auths.push(await signInAs(server, user));
    await Bun.sleep(SETTLE_MS);
    const memoryBefore = readMemory(server.pid);
    resetPeakMemory(server.pid);
    const cpuBefore = readCpuMs(server.pid);
    const started = performance.now();
    viewers = await openViewers(opts.clients, server.port, auths, recorder, OPEN_CONCURRENCY);
    const openSeconds = (performance.now() - started) / 1000;
    const openCpuMs = readCpuMs(server.pid) - cpuBefore;
    const peakDuringOpen = readMemory(server.pid).peakMiB;
    const opened = viewers.filter((viewer) => viewer.snapshotMs !== undefined && viewer.client.live).length;
    console.log(
      `  ${count(opened)} of ${count(opts.clients)} streams open in ${openSeconds.toFixed(1)} s (server CPU ${Math.round(openCpuMs)} ms); before: ${memoryLine(memoryBefore)}`,
    );
    const hold = await measureWindow(
      `${count(opts.clients)} clients, held ${opts.hold} s`,
      server,
      opts.hold,
      viewers,
      recorder,
    );
    printWindow(hold);
    const threshold = Math.min(10, Math.max(1, opts.hold - 2));
    const enough = viewers.filter((viewer) => viewer.windowTicks >= threshold && viewer.client.live).length;
    const failed = failures(viewers);
    const snapshotMs = viewers.flatMap((viewer) =>
      viewer.snapshotMs === undefined ? [] : [viewer.snapshotMs],
    );
    closeAll(viewers);
    await Bun.sleep(3_000);
    const afterClose = readMemory(server.pid);
    printRows([
      [
        "time to snapshot per stream",
        `p50 ${ms(p(snapshotMs, 50))} · p95 ${ms(p(snapshotMs, 95))} · max ${ms(p(snapshotMs, 100))} (${OPEN_CONCURRENCY} opening at once)`,
      ],
      [`clients with ≥ ${threshold} ticks in the hold`, `${count(enough)} of ${count(opts.clients)}`],
      ["errors", formatCounts(failed)],
      ["gaps in ticks (> 1.5 s apart)", `${recorder.gaps} (all clients)`],
      ["oddities", recorder.oddities.join("; ") || "none"],
      ["peak VmHWM while opening", `${peakDuringOpen.toFixed(1)} MiB`],
      ["3 s after closing every stream", `${memoryLine(afterClose)} · ${afterClose.threads} threads`],
      ["server log warnings/errors", logProblems(server).join(" | ") || "none"],
    ]);
    return {
      clients: opts.clients,
      users,
      opened,
      openSeconds,
      snapshotMs,
      hold,
      threshold,
      enough,
      failed,
      afterClose,
      peakDuringOpen,
    };
  } finally {
    closeAll(viewers);
    await server.stop();
    removeDir(base);
  }
}

function verdict(met: boolean): string {
  return met ? "met" : "NOT met";
}

runBench(async () => {
  const opts = options();
  heading("live monitoring (sampler worker + SSE /events)");
  await printMachine();
  await ensureBinary();

  const lines: string[] = [];
  if (opts.only !== "clients") {
    const r = await viewersPart(opts);
    console.log("");
    const cpuLabel = `Live monitoring, server CPU (% of one core) over ${opts.seconds} s at 1 Hz: 0 / 1 / ${opts.viewers} SSE viewers`;
    figure(
      cpuLabel,
      `${pct(r.idle.cpuPercent)} / ${pct(r.one.cpuPercent)} / ${pct(r.many.cpuPercent)}; with the commands it ran ${pct(r.idle.totalPercent)} / ${pct(r.one.totalPercent)} / ${pct(r.many.totalPercent)}`,
    );
    const ends = [r.idle.memory, r.one.memory, r.many.memory];
    const each = (value: (memory: Memory) => number) => ends.map((m) => value(m).toFixed(1)).join(" / ");
    figure(
      `Live monitoring, memory at the end of the window: 0 / 1 / ${opts.viewers} SSE viewers`,
      `RssAnon ${each((m) => m.anonMiB)} MiB · PSS ${each((m) => m.pssMiB)} MiB · VmRSS ${each((m) => m.rssMiB)} MiB; window peaks (VmHWM) ${each((m) => m.peakMiB)} MiB`,
    );
    figure(
      `Sample-to-client latency, ${opts.viewers} SSE viewers (p50 / p95 / max)`,
      `${ms(p(r.many.latencies, 50))} / ${ms(p(r.many.latencies, 95))} / ${ms(p(r.many.latencies, 100))} (${count(r.many.latencies.length)} ticks; 1 viewer: ${ms(p(r.one.latencies, 50))} / ${ms(p(r.one.latencies, 95))})`,
    );
    lines.push(
      `≤ ${TARGET.cpuPercent} % of one core with one viewer: ${pct(r.one.cpuPercent)}, ${pct(r.one.totalPercent)} with its commands — ${verdict(r.one.totalPercent <= TARGET.cpuPercent)} (0 viewers: ${pct(r.idle.totalPercent)} with its commands)`,
      `≤ ${TARGET.anonOneMiB} MiB anonymous memory with one viewer: RssAnon ${r.one.memory.anonMiB.toFixed(1)} MiB — ${verdict(r.one.memory.anonMiB <= TARGET.anonOneMiB)} (no viewer, never signed in: ${r.idle.memory.anonMiB.toFixed(1)} MiB)`,
      `≤ ${TARGET.anonManyMiB} MiB anonymous memory with ${opts.viewers} viewers: RssAnon ${r.many.memory.anonMiB.toFixed(1)} MiB — ${verdict(r.many.memory.anonMiB <= TARGET.anonManyMiB)}`,
      `p95 sample-to-client latency < ${TARGET.p95Ms} ms with ${opts.viewers} viewers: ${ms(p(r.many.latencies, 95))} — ${verdict(p(r.many.latencies, 95) < TARGET.p95Ms)}`,
    );
  }
  if (opts.only !== "viewers") {
    const r = await clientsPart(opts);
    console.log("");
    const errors = [...r.failed.values()].reduce((sum, n) => sum + n, 0);
    figure(
      `${count(r.clients)} concurrent SSE clients (${r.users} users), held ${opts.hold} s`,
      `${count(r.enough)} got ≥ ${r.threshold} ticks · ${count(errors)} errors · server CPU ${pct(r.hold.cpuPercent)} of one core · ${memoryLine(r.hold.memory)} (peak VmHWM ${Math.max(r.hold.memory.peakMiB, r.peakDuringOpen).toFixed(1)} MiB) · latency p50 ${ms(p(r.hold.latencies, 50))} / p95 ${ms(p(r.hold.latencies, 95))}`,
    );
    lines.push(
      `${count(TARGET.clients)} clients without errors: ${count(r.enough)} of ${count(r.clients)} with ≥ ${r.threshold} ticks, ${count(errors)} errors — ${verdict(r.clients >= TARGET.clients && r.enough === r.clients && errors === 0)} (their latency, no target: p95 ${ms(p(r.hold.latencies, 95))}, ${p(r.hold.latencies, 95) < TARGET.p95Ms ? "under" : "over"} the ${TARGET.p95Ms} ms of the viewers' target)`,
    );
  }
  console.log("\ntargets (issue):");
  for (const line of lines) console.log(`  ${line}`);
});
