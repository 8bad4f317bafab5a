import { FloodCount } from "../../realtime/flood-count.ts";
import type { SocketChannel, WsData } from "../../realtime/ws.ts";
import type { AgentHub } from "./agent-hub.ts";
import { AgentRequests } from "./agent-requests.ts";
import { admitAgent, linkHostAsset } from "./agents.ts";
import { CLOSE } from "./close-codes.ts";
import {
  agentMessageSchema,
  type Hello,
  helloSchema,
  issueLine,
  MIN_PROTOCOL_VERSION,
  PROTOCOL_VERSION,
  protocolMismatch,
  readEnvelope,
  type WatchChange,
} from "./protocol.ts";
import { sampleRow } from "./sample-writer.ts";

/** The first protocol whose agents send their windows when watched. */
const WINDOWS_PROTOCOL = 3;

type Socket = Bun.ServerWebSocket<WsData>;

/** Time a new connection has to send its hello. */
const HELLO_DEADLINE_MS = 5000;
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

/**
 * One agent's socket on the hub (the hub's {@link AgentHub}): its state from hello to close — admission,
 * samples, the tables the hub watches, action results, flood and clock-skew bookkeeping.
 */
export class AgentConnection implements SocketChannel {
  /** Its remote actions, once welcomed. */
  requests: AgentRequests | null = null;
  #ws: Socket | null = null;
  #hostId: string | null = null;
  #protocol = 0;
  #admitting = false;
  #closed = false;
  #helloTimer: ReturnType<typeof setTimeout> | null = null;
  #flood = new FloodCount();
  #skews: number[] = [];
  #allowance = SAMPLE_BURST;
  #allowanceAt = Date.now();

  constructor(
    private readonly gateway: AgentHub<AgentConnection>,
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
    if (message.type === "windows") {
      const { available, reason, missing, display, windows } = message;
      this.gateway.windows.store(hostId, { at: Date.now(), available, reason, missing, display, windows });
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

  /** Whether the agent's protocol reports its windows when they are watched (3 on). */
  get reportsWindows(): boolean {
    return this.#protocol >= WINDOWS_PROTOCOL;
  }

  /**
   * Asks the agent to send its process table (agents of protocol 2 on) or its windows
   * (protocol 3 on) every tick, or to stop; an agent too old for it is asked nothing.
   */
  watch(change: WatchChange): void {
    if (change.processes !== undefined && this.#protocol < 2) return;
    if (change.windows !== undefined && this.#protocol < WINDOWS_PROTOCOL) return;
    this.#send({ type: "watch", ...change });
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
    const admission = await admitAgent(this.gateway.deps, hello, this.address).catch((error) => {
      log.error("could not admit an agent", { error });
      return null;
    });
    if (!admission) return this.refuse(CLOSE.goingAway, "the hub could not admit the agent now; try again");
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
    this.gateway.windows.welcomed(host.id);
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

  /** Counts the message; true (drop it) beyond `hosts.maxMessagesPerSecond`, and closes after some seconds of it. */
  #flooding(): boolean {
    const flood = this.#flood.count(this.gateway.deps.config.get().hosts.maxMessagesPerSecond);
    if (flood === "close") {
      this.gateway.deps.log.warn("agent disconnected: too many messages", { hostId: this.#hostId });
      this.refuse(CLOSE.tooFast, "too many messages per second");
    }
    return flood !== "ok";
  }

  #send(message: Record<string, unknown>): void {
    if (this.#ws && !this.#closed) this.#ws.send(JSON.stringify(message));
  }
}
