import type { Context } from "hono";
import type { ConfigSource } from "../../config/live.ts";
import type { BackgroundFailures } from "../../lib/background-failures.ts";
import type { AppEnv } from "../../lib/context.ts";
import { AppError } from "../../lib/errors.ts";
import type { HistogramVec } from "../../lib/instruments.ts";
import type { Logger } from "../../lib/log.ts";
import { requestFacts } from "../../lib/request-facts.ts";
import type { AlertSink } from "../../monitor/alert-sink.ts";
import type { RuleEngine } from "../../monitor/rule-engine.ts";
import { channelData, type SocketChannel, type WsData } from "../../realtime/ws.ts";
import type { ActionKind, ActionParams, ActionResult } from "./action-protocol.ts";
import { AgentOffline, AgentRequests } from "./agent-requests.ts";
import { admitAgent, type HostDeps, linkHostAsset, markDisconnected } from "./agents.ts";
import { HostWatch } from "./host-watch.ts";
import { LiveSamples } from "./live-samples.ts";
import { ProcessWatch } from "./process-watch.ts";
import {
  agentMessageSchema,
  CLOSE,
  type Hello,
  helloSchema,
  issueLine,
  type ListeningPort,
  MIN_PROTOCOL_VERSION,
  PROTOCOL_VERSION,
  protocolMismatch,
  readEnvelope,
} from "./protocol.ts";
import { SampleWriter, sampleRow } from "./sample-writer.ts";

type Socket = Bun.ServerWebSocket<WsData>;

/** Time a new connection has to send its hello. */
const HELLO_DEADLINE_MS = 5000;
/** Seconds of flooding (over `hosts.maxMessagesPerSecond`) before an agent is disconnected. */
const MAX_STRIKES = 3;
/** Skew measurements the estimate is the smallest of (the one with the least network delay). */
const SKEW_WINDOW = 30;
/**
 * Samples a connection may send: a burst of an hour at 1 Hz (a full buffer replayed after
 * an outage), then ten a second. Beyond it the agent is disconnected (4429).
 */
const SAMPLE_BURST = 3600;
const SAMPLES_PER_SECOND = 10;
/** How far past its own `sentAt` a sample's time may be (it cannot come from the future). */
const MAX_AHEAD_MS = 5000;

/** What the agent gateway needs. */
export interface AgentGatewayDeps extends HostDeps {
  config: ConfigSource;
  log: Logger;
  version: string;
  failures?: BackgroundFailures;
  /** Where `host_down` alerts go; without it no host is watched. */
  alerts?: AlertSink;
  /** The alert rules, told each host's newest sample as it arrives (they batch it per tick). */
  rules?: Pick<RuleEngine, "hostSample">;
  /** Durations of the writer's transactions, for `/metrics`. */
  writeDurations?: HistogramVec;
}

/**
 * The hub's side of the agent protocol (docs/agent-protocol.md) at `GET
 * /api/v1/agents/connect`: admits each agent by its hello, hands its samples (at hub time,
 * the measured clock skew added) to the {@link SampleWriter}, acknowledges them once stored,
 * and disconnects with a reason an agent that sends garbage, floods, or is revoked (at once,
 * on the bus's `host.revoked`). Samples also go to viewers at once ({@link LiveSamples}), and
 * hosts that fall silent raise `host_down` ({@link HostWatch}).
 */
export class AgentGateway {
  readonly writer: SampleWriter;
  readonly live: LiveSamples;
  readonly watch: HostWatch | null;
  /** Each agent host's listening sockets as last reported (memory only: agents resend them every slow tick). */
  readonly ports = new Map<string, { at: number; ports: ListeningPort[] }>();
  /** The agent hosts whose processes someone looks at, and their tables. */
  readonly processes = new ProcessWatch((hostId, watching) => this.#connections.get(hostId)?.watch(watching));
  #connections = new Map<string, AgentConnection>();
  #unsubscribe: (() => void) | null = null;

  constructor(readonly deps: AgentGatewayDeps) {
    this.writer = new SampleWriter(deps);
    this.live = new LiveSamples(deps.bus);
    this.watch = deps.alerts ? new HostWatch({ ...deps, alerts: deps.alerts }) : null;
  }

  /** Starts the writer and listens for revocations; hosts marked connected by a hub that crashed are not. */
  start(): void {
    markDisconnected(this.deps.db).catch((error) =>
      this.deps.log.warn("could not mark the agents disconnected", { error }),
    );
    this.writer.start();
    this.live.start();
    this.watch?.start();
    this.processes.start();
    this.#unsubscribe = this.deps.bus.subscribe(["hosts"], (event) => {
      if (event.name !== "host.revoked") return;
      const id = (event.data as { id: string }).id;
      this.#connections.get(id)?.refuse(CLOSE.revoked, "this agent was revoked on the hub");
    });
  }

  /** Stores what is pending and stops (after the server closed the sockets). */
  async stop(): Promise<void> {
    this.#unsubscribe?.();
    this.live.stop();
    await this.watch?.stop();
    this.processes.stop();
    await this.writer.stop();
  }

  /** Agents connected now. */
  get connected(): number {
    return this.#connections.size;
  }

  /**
   * Asks `hostId`'s agent to carry out `kind` for `by` (a user's label); its result.
   * @throws {@link AgentOffline} when it is not connected; what {@link AgentRequests.request} throws.
   */
  act<K extends ActionKind>(
    hostId: string,
    kind: K,
    params: ActionParams<K>,
    by: string,
  ): Promise<ActionResult<K>> {
    const requests = this.#connections.get(hostId)?.requests;
    if (!requests) throw new AgentOffline();
    return requests.request(kind, params, by);
  }

  /** Whether `hostId`'s agent is connected and can carry out `kind` (its protocol and `agent.allow`). */
  allows(hostId: string, kind: ActionKind): boolean {
    return this.#connections.get(hostId)?.requests?.allows(kind) ?? false;
  }

  /** Upgrades an agent's request to its socket; the agent then says hello. */
  upgrade(c: Context<AppEnv>): Response {
    const server = c.env as Bun.Server<WsData> | undefined;
    if (c.req.header("Upgrade")?.toLowerCase() !== "websocket" || !server?.upgrade)
      throw new AppError(
        426,
        "upgrade_required",
        "Upgrade required",
        "Agents connect here with a WebSocket.",
      );
    const request = requestFacts(c, this.deps.config);
    const connection = new AgentConnection(this, request.ip ?? null);
    if (!server.upgrade(c.req.raw, { data: channelData(connection, request) }))
      throw new AppError(400, "bad_request", "Bad request", "The WebSocket handshake failed.");
    return new Response(null);
  }

  /** Records `connection` as its host's; an older one of the same host is closed. */
  register(hostId: string, connection: AgentConnection): void {
    const previous = this.#connections.get(hostId);
    this.#connections.set(hostId, connection);
    if (previous && previous !== connection)
      previous.refuse(CLOSE.replaced, "the same agent connected again");
  }

  /** Forgets `connection` (closed) and marks its host disconnected. */
  release(hostId: string, connection: AgentConnection): void {
    if (this.#connections.get(hostId) !== connection) return;
    this.#connections.delete(hostId);
    markDisconnected(this.deps.db, hostId)
      .then(() => this.deps.bus.publish("hosts", "host.disconnected", { id: hostId }))
      .catch((error) => this.deps.log.warn("could not mark an agent disconnected", { hostId, error }));
  }
}

/** One agent's socket: its state from hello to close. */
class AgentConnection implements SocketChannel {
  /** Its remote actions, once welcomed. */
  requests: AgentRequests | null = null;
  #ws: Socket | null = null;
  #hostId: string | null = null;
  #protocol = 0;
  #admitting = false;
  #closed = false;
  #helloTimer: ReturnType<typeof setTimeout> | null = null;
  #sent: number[] = [];
  #strikes = 0;
  #lastStrike = 0;
  #skews: number[] = [];
  #allowance = SAMPLE_BURST;
  #allowanceAt = Date.now();

  constructor(
    private readonly gateway: AgentGateway,
    private readonly address: string | null,
  ) {}

  open(ws: Socket): void {
    this.#ws = ws;
    this.#helloTimer = setTimeout(
      () => this.refuse(CLOSE.helloTimeout, "no hello in time"),
      HELLO_DEADLINE_MS,
    );
  }

  close(_ws: Socket, code: number, reason: string): void {
    this.#closed = true;
    if (this.#helloTimer) clearTimeout(this.#helloTimer);
    this.requests?.abandon();
    if (this.#hostId) {
      this.gateway.deps.log.info("agent disconnected", { hostId: this.#hostId, code, reason });
      this.gateway.release(this.#hostId, this);
    }
  }

  message(_ws: Socket, raw: string | Buffer): void {
    if (this.#closed || this.#flooding()) return;
    const envelope = readEnvelope(raw);
    if (!envelope) {
      this.refuse(CLOSE.badMessage, "not a JSON message with a type");
      return;
    }
    if (!this.#hostId) {
      if (this.#admitting) this.refuse(CLOSE.badMessage, "wait for the welcome before sending");
      else void this.#hello(envelope);
      return;
    }
    const parsed = agentMessageSchema.safeParse(envelope.value);
    if (!parsed.success) {
      this.refuse(CLOSE.badMessage, issueLine(parsed.error));
      return;
    }
    const message = parsed.data;
    const hostId = this.#hostId;
    if (message.type === "action_result") {
      if (!this.requests?.settle(message))
        this.gateway.deps.log.info("late or unknown action result", { hostId, id: message.id });
      return;
    }
    if (message.type === "processes") {
      const { total, processes } = message;
      this.gateway.processes.store(hostId, { at: Date.now(), total, processes });
      return;
    }
    if (message.type === "ports") {
      this.gateway.ports.set(hostId, { at: Date.now(), ports: message.ports });
      return;
    }
    if (message.type === "filesystems") {
      const disk = Math.max(0, ...message.filesystems.map((f) => f.usePercent));
      this.gateway.writer.setDisk(hostId, disk);
      return;
    }
    if (message.samples.some((sample) => sample.at > message.sentAt + MAX_AHEAD_MS)) {
      this.refuse(CLOSE.badMessage, "a sample is timestamped after the batch was sent");
      return;
    }
    if (!this.#takeSamples(message.samples.length)) {
      this.gateway.deps.log.warn("agent disconnected: too many samples", { hostId });
      this.refuse(CLOSE.tooFast, "too many samples per second");
      return;
    }
    const skew = this.#measureSkew(Date.now() - message.sentAt);
    const rows = message.samples.map((s) => sampleRow(hostId, s, skew));
    const newest = rows[rows.length - 1];
    if (newest) {
      this.gateway.live.add({ id: hostId, at: newest.at, cpu: newest.cpu, memory: newest.memory });
      const last = message.samples[message.samples.length - 1];
      if (last) this.gateway.deps.rules?.hostSample(hostId, { ...last, at: newest.at });
    }
    this.gateway.writer.add(hostId, rows, skew, () => this.#send({ type: "ack", seq: message.seq }));
  }

  /** Asks the agent to send its process table every tick, or to stop (agents of protocol 2 on). */
  watch(processes: boolean): void {
    if (this.#protocol >= 2) this.#send({ type: "watch", processes });
  }

  /** Sends why, then closes with `code`. */
  refuse(code: number, message: string, extra: Record<string, unknown> = {}): void {
    if (this.#closed) return;
    if (code === CLOSE.badMessage || code === CLOSE.helloTimeout)
      this.gateway.deps.log.warn("agent disconnected", {
        hostId: this.#hostId,
        address: this.address,
        reason: message,
      });
    this.#send({ type: "refused", code, message, ...extra });
    this.#closed = true;
    // A close reason is at most 123 bytes; the refused message above carries the whole text.
    this.#ws?.close(code, message.slice(0, 120));
  }

  async #hello(envelope: { type: string; protocol?: number; value: unknown }): Promise<void> {
    const { log } = this.gateway.deps;
    if (envelope.type !== "hello") return this.refuse(CLOSE.badMessage, "the first message must be a hello");
    const mismatch = protocolMismatch(
      envelope.protocol ?? 0,
      MIN_PROTOCOL_VERSION,
      PROTOCOL_VERSION,
      "agent",
    );
    if (mismatch) {
      log.warn("agent refused", { address: this.address, reason: mismatch });
      return this.refuse(CLOSE.protocol, mismatch, {
        protocols: { min: MIN_PROTOCOL_VERSION, max: PROTOCOL_VERSION },
      });
    }
    const parsed = helloSchema.safeParse(envelope.value);
    if (!parsed.success) return this.refuse(CLOSE.badMessage, `hello: ${issueLine(parsed.error)}`);
    const hello: Hello = parsed.data;
    this.#admitting = true;
    if (this.#helloTimer) clearTimeout(this.#helloTimer);
    let admission: Awaited<ReturnType<typeof admitAgent>>;
    try {
      admission = await admitAgent(this.gateway.deps, hello, this.address);
    } catch (error) {
      log.error("could not admit an agent", { error });
      return this.refuse(CLOSE.goingAway, "the hub could not admit the agent now; try again");
    }
    if (!admission.ok) {
      log.warn("agent refused", {
        address: this.address,
        hostname: hello.host.hostname,
        reason: admission.message,
      });
      return this.refuse(
        admission.reason === "revoked" ? CLOSE.revoked : CLOSE.unauthorized,
        admission.message,
      );
    }
    if (this.#closed) return;
    const { host } = admission;
    this.#hostId = host.id;
    this.#protocol = hello.protocol;
    this.requests = new AgentRequests(hello.protocol, hello.allow ?? [], (m) => this.#send(m));
    this.#measureSkew(Date.now() - hello.clock);
    this.gateway.register(host.id, this);
    this.#send({
      type: "welcome",
      protocol: hello.protocol,
      hubVersion: this.gateway.deps.version,
      hostId: host.id,
      clock: Date.now(),
      ...(admission.credential ? { credential: admission.credential } : {}),
    });
    log.info(admission.credential ? "agent enrolled" : "agent connected", {
      hostId: host.id,
      hostname: host.hostname,
      address: this.address,
      agentVersion: hello.agentVersion,
    });
    this.gateway.processes.welcomed(host.id);
    this.gateway.deps.bus.publish("hosts", "host.connected", { id: host.id });
    linkHostAsset(this.gateway.deps, host, hello).catch((error) => {
      this.gateway.deps.failures?.count("host registration");
      log.warn("could not link an agent's host to its asset", { hostId: host.id, error });
    });
  }

  /** Takes `n` samples from the connection's allowance (refilled over time); false when it has not that many. */
  #takeSamples(n: number): boolean {
    const now = Date.now();
    this.#allowance = Math.min(
      SAMPLE_BURST,
      this.#allowance + ((now - this.#allowanceAt) / 1000) * SAMPLES_PER_SECOND,
    );
    this.#allowanceAt = now;
    if (this.#allowance < n) return false;
    this.#allowance -= n;
    return true;
  }

  /** Hub clock minus agent clock: the smallest of the recent measurements (least delay). */
  #measureSkew(measured: number): number {
    this.#skews.push(measured);
    if (this.#skews.length > SKEW_WINDOW) this.#skews.shift();
    return Math.min(...this.#skews);
  }

  /** Counts the message; true (drop it) beyond the rate, and closes after MAX_STRIKES seconds of it. */
  #flooding(): boolean {
    const now = Date.now();
    this.#sent = this.#sent.filter((t) => now - t < 1000);
    this.#sent.push(now);
    if (this.#sent.length <= this.gateway.deps.config.get().hosts.maxMessagesPerSecond) return false;
    if (now - this.#lastStrike >= 1000) {
      this.#lastStrike = now;
      this.#strikes++;
      if (this.#strikes >= MAX_STRIKES) {
        this.gateway.deps.log.warn("agent disconnected: too many messages", { hostId: this.#hostId });
        this.refuse(CLOSE.tooFast, "too many messages per second");
      }
    }
    return true;
  }

  #send(message: Record<string, unknown>): void {
    if (this.#ws && !this.#closed) this.#ws.send(JSON.stringify(message));
  }
}
