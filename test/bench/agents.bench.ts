// 200 agents on one hub: one process runs N lightweight simulated agents speaking the real
// protocol (docs/agent-protocol.md) to the built binary, and one viewer on the hosts' live
// stream. What it costs the hub, and how soon a viewer sees a sample.
//
//   bun test/bench/agents.bench.ts [--agents=200] [--seconds=60] [--no-build]
//
// The hub starts with the bench admin, the rate limiter off (200 agents share 127.0.0.1) and
// `/metrics` on. An enrolment token for N agents is made through the API; each agent enrols
// with it (its own machine key), then sends one synthetic sample a second (each at its own
// phase within the second) and counts the hub's acks. After a 10 s warm-up the window
// measures: the hub's CPU time (% of one core), its memory (VmRSS, RssAnon) every 5 s, the
// duration of the writer's transactions (one per tick for all agents; the
// `warden_host_sample_write_seconds` histogram of `/metrics`), the time from sending a
// batch to its ack, and — for a viewer subscribed to `GET /events?topics=hosts` — the time
// from a sample's timestamp to its arrival in a `hosts.live` event (agents and viewer share
// this process's clock; the hub adds the measured skew, the least network delay, a fraction
// of a millisecond on loopback).
import type { WireSample } from "../../src/modules/hosts/protocol.ts";
import { HOST, hello } from "../helpers/agent-hello.ts";
import {
  ensureBinary,
  intOption,
  NO_RATE_LIMIT,
  readCpuMs,
  readMemory,
  type SignedInServer,
  startSignedInServer,
} from "./helpers.ts";
import { figure, heading, memoryLine, ms, printMachine, printRows, runBench, stats } from "./report.ts";
import { nowMs, SseClient } from "./sse.ts";

const AGENTS = intOption("agents", "BENCH_AGENTS", 200);
const SECONDS = intOption("seconds", "BENCH_SECONDS", 60);
const WARM_UP_MS = 10_000;
/** Agents enrolling at once (an enrolment is one write transaction each). */
const ENROL_CONCURRENCY = 20;

/** One simulated agent: its socket, its sending timer and what it measured. */
interface SimAgent {
  socket: WebSocket;
  hostId: string;
  seq: number;
  timer: ReturnType<typeof setInterval> | null;
  /** Send times of batches not acknowledged yet, by seq. */
  inFlight: Map<number, number>;
}

/** A synthetic sample at `at`: a little load that moves, so rollups have something to average. */
function syntheticSample(at: number, i: number): WireSample {
  const busy = 5 + ((at / 1000 + i) % 20);
  const cpu = { user: busy * 0.7, system: busy * 0.3, iowait: 0, idle: 100 - busy, busy };
  return {
    at,
    cpu,
    cores: [cpu, cpu],
    load: [0.2, 0.15, 0.1],
    memory: {
      total: 4 * 2 ** 30,
      used: 2 ** 30 + i * 2 ** 20,
      available: 3 * 2 ** 30,
      cached: 0,
      buffers: 0,
    },
    swap: { total: 0, used: 0 },
    network: { rx: 1200 + i, tx: 800 + i, interfaces: [{ name: "eth0", rx: 1200 + i, tx: 800 + i }] },
    disk: { read: 4096, write: 8192 },
    processes: 120 + (i % 30),
  };
}

function simHello(i: number, token: string) {
  const hostname = `sim-${String(i).padStart(3, "0")}`;
  const ipAddresses = [`10.0.${i >> 8}.${i & 255}`];
  return hello(
    { enrol: { token } },
    {
      agentVersion: "bench",
      machineKey: i.toString(16).padStart(32, "0"),
      // The synthetic samples' machine: two cores, 4 GiB.
      host: { ...HOST, hostname, cores: 2, memoryTotal: 4 * 2 ** 30, ipAddresses },
    },
  );
}

/** Connects and enrols agent `i`; resolves once welcomed. */
function enrol(server: SignedInServer, i: number, token: string, acks: number[]): Promise<SimAgent> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${server.url.replace("http", "ws")}/api/v1/agents/connect`);
    const agent: SimAgent = { socket, hostId: "", seq: 0, timer: null, inFlight: new Map() };
    socket.onopen = () => socket.send(JSON.stringify(simHello(i, token)));
    socket.onmessage = (event) => {
      const message = JSON.parse(String(event.data)) as { type: string; hostId?: string; seq?: number };
      if (message.type === "welcome") {
        agent.hostId = message.hostId ?? "";
        resolve(agent);
      } else if (message.type === "ack") {
        const now = nowMs();
        for (const [seq, sentAt] of agent.inFlight)
          if (seq <= (message.seq ?? -1)) {
            acks.push(now - sentAt);
            agent.inFlight.delete(seq);
          }
      } else if (message.type === "refused") reject(new Error(`agent ${i} refused: ${event.data}`));
    };
    socket.onclose = (event) => {
      if (agent.timer) {
        clearInterval(agent.timer);
        throw new Error(`agent ${i} disconnected: ${event.code} ${event.reason}`);
      }
      if (!agent.hostId)
        reject(new Error(`agent ${i} closed before its welcome: ${event.code} ${event.reason}`));
    };
  });
}

/** Starts agent `i` sending one sample a second, at its own phase within the second. */
function startSending(agent: SimAgent, i: number): void {
  const send = () => {
    const at = Date.now();
    agent.inFlight.set(agent.seq, nowMs());
    agent.socket.send(
      JSON.stringify({ type: "samples", seq: agent.seq++, sentAt: at, samples: [syntheticSample(at, i)] }),
    );
  };
  setTimeout(
    () => {
      send();
      agent.timer = setInterval(send, 1000);
    },
    (i * 1000) / AGENTS,
  );
}

/** The `warden_host_sample_write_seconds` histogram's count, sum and cumulative buckets. */
async function writeHistogram(server: SignedInServer) {
  const response = await fetch(`${server.url}/metrics`, { headers: server.auth });
  const text = await response.text();
  if (response.status !== 200)
    throw new Error(`GET /metrics answered ${response.status}: ${text.slice(0, 200)}`);
  const value = (suffix: string) =>
    Number(new RegExp(`^warden_host_sample_write_seconds${suffix} (\\S+)$`, "m").exec(text)?.[1] ?? 0);
  const buckets = [...text.matchAll(/^warden_host_sample_write_seconds_bucket\{le="([^"]+)"\} (\S+)$/gm)].map(
    (m) => ({ le: Number(m[1]), count: Number(m[2]) }),
  );
  return { count: value("_count"), sum: value("_sum"), buckets };
}

/** The smallest bucket bound holding `p` % of the observations between two readings. */
function bucketPercentile(
  before: Awaited<ReturnType<typeof writeHistogram>>,
  after: Awaited<ReturnType<typeof writeHistogram>>,
  p: number,
): number {
  const total = after.count - before.count;
  for (const bucket of after.buckets) {
    const earlier = before.buckets.find((b) => b.le === bucket.le)?.count ?? 0;
    if (bucket.count - earlier >= (p / 100) * total) return bucket.le * 1000;
  }
  return Number.NaN;
}

async function main(): Promise<void> {
  heading(`agents: ${AGENTS} simulated agents at 1 Hz on one hub, ${SECONDS} s`);
  await printMachine();
  await ensureBinary();
  const server = await startSignedInServer("binary", {
    env: { ...NO_RATE_LIMIT, WARDEN_MONITOR_PROMETHEUS: "true" },
  });
  const agents: SimAgent[] = [];
  const viewer = { client: null as SseClient | null };
  try {
    const created = await fetch(`${server.url}/api/v1/hosts/enrolment-tokens`, {
      method: "POST",
      headers: { ...server.auth, "Content-Type": "application/json" },
      body: JSON.stringify({ name: "bench agents", maxUses: AGENTS }),
    });
    if (created.status !== 201) throw new Error(`enrolment token: ${created.status} ${await created.text()}`);
    const { token } = (await created.json()) as { token: string };

    const acks: number[] = [];
    const seen: number[] = [];
    let measuring = false;
    viewer.client = new SseClient({
      port: server.port,
      path: "/events?topics=hosts",
      headers: server.auth,
      onEvent: (event, receivedAt) => {
        if (!measuring || event.event !== "hosts.live") return;
        for (const sample of JSON.parse(event.data) as { at: number }[]) seen.push(receivedAt - sample.at);
      },
      onFailure: (failure) => {
        throw new Error(`viewer stream failed: ${JSON.stringify(failure)}`);
      },
    });
    await viewer.client.open();

    const enrolStart = performance.now();
    for (let i = 0; i < AGENTS; i += ENROL_CONCURRENCY) {
      const batch = Array.from({ length: Math.min(ENROL_CONCURRENCY, AGENTS - i) }, (_, k) =>
        enrol(server, i + k, token, acks),
      );
      agents.push(...(await Promise.all(batch)));
    }
    const enrolMs = performance.now() - enrolStart;
    for (const [i, agent] of agents.entries()) startSending(agent, i);
    await Bun.sleep(WARM_UP_MS);

    acks.length = 0;
    measuring = true;
    const histogramBefore = await writeHistogram(server);
    const cpuBefore = readCpuMs(server.pid);
    const started = performance.now();
    const memory = [readMemory(server.pid)];
    while (performance.now() - started < SECONDS * 1000) {
      await Bun.sleep(Math.min(5000, SECONDS * 1000 - (performance.now() - started)));
      memory.push(readMemory(server.pid));
    }
    const cpuPercent = ((readCpuMs(server.pid) - cpuBefore) / (performance.now() - started)) * 100;
    measuring = false;
    const histogramAfter = await writeHistogram(server);

    const writes = histogramAfter.count - histogramBefore.count;
    const writeMean = ((histogramAfter.sum - histogramBefore.sum) / (writes || 1)) * 1000;
    const latency = stats(seen);
    const sorted = [...seen].sort((a, b) => a - b);
    const p95 = sorted[Math.max(0, Math.ceil(0.95 * sorted.length) - 1)] ?? Number.NaN;
    const ack = stats(acks);
    const last = memory[memory.length - 1] ?? readMemory(server.pid);
    const peakAnon = Math.max(...memory.map((m) => m.anonMiB));
    printRows([
      ["agents enrolled", `${agents.length} in ${ms(enrolMs)}`],
      ["hub CPU", `${cpuPercent.toFixed(1)} % of one core`],
      ["hub memory at the end", memoryLine(last)],
      ["hub RssAnon peak (5 s readings)", `${peakAnon.toFixed(1)} MiB`],
      [
        "write transactions",
        `${writes} (${(writes / SECONDS).toFixed(2)}/s) · mean ${ms(writeMean)} · p95 ≤ ${ms(bucketPercentile(histogramBefore, histogramAfter, 95))} (bucket)`,
      ],
      [
        "batch sent → acked",
        `median ${ms(ack.median)} · p90 ${ms(ack.p90)} · p99 ${ms(ack.p99)} · n ${ack.n}`,
      ],
      [
        "sample → viewer",
        `median ${ms(latency.median)} · p95 ${ms(p95)} · p99 ${ms(latency.p99)} · max ${ms(latency.max)} · n ${latency.n} of ${AGENTS * SECONDS} sent`,
      ],
    ]);
    figure(`agents: hub CPU, ${AGENTS} agents at 1 Hz`, `${cpuPercent.toFixed(1)} % of one core`);
    figure(
      `agents: hub memory, ${AGENTS} agents`,
      `VmRSS ${last.rssMiB.toFixed(1)} MiB · RssAnon ${last.anonMiB.toFixed(1)} MiB`,
    );
    figure("agents: write per tick (mean)", ms(writeMean));
    figure("agents: sample → viewer p95", ms(p95));
  } finally {
    for (const agent of agents) {
      if (agent.timer) clearInterval(agent.timer);
      agent.timer = null;
      agent.socket.close();
    }
    viewer.client?.close();
    await server.stop();
  }
}

runBench(main);
