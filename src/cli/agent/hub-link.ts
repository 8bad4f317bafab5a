import type { Logger } from "../../lib/log.ts";
import type { ActionMessage, ActionResultMessage } from "../../modules/hosts/action-protocol.ts";
import { CLOSE } from "../../modules/hosts/close-codes.ts";
import {
  AGENT_SOCKET_PATH,
  type AgentMessage,
  FINAL_CLOSE_CODES,
  type Hello,
  hubMessageSchema,
  issueLine,
  MAX_BATCH_SAMPLES,
  PROTOCOL_VERSION,
  protocolMismatch,
  readEnvelope,
  type WatchChange,
} from "../../modules/hosts/protocol.ts";
import { CommandFailed } from "../args.ts";
import { type HubPin, openSocket, PinMismatch, type SocketTls } from "./pin.ts";
import type { SampleBuffer } from "./sample-buffer.ts";

/** Batches in flight (sent, not yet acknowledged) on a connection. */
const WINDOW = 4;
/** Bytes queued in the socket beyond which the agent stops sending until it drains. */
const MAX_QUEUED_BYTES = 256 * 1024;

/** Loopback hosts a plain `ws://` hub may be on. */
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|\[::1\]|localhost)$/i;

/**
 * The WebSocket address of the agents' endpoint of `hub` (`https://hub:8000` →
 * `wss://hub:8000/api/v1/agents/connect`).
 * @throws CommandFailed saying what is wrong: not http(s)/ws(s), or plain text to a host other than loopback.
 */
export function agentSocketUrl(hub: string): URL {
  let url: URL;
  try {
    url = new URL(hub);
  } catch {
    throw new CommandFailed(`--hub must be an address such as https://hub.example:8000, got "${hub}"`);
  }
  const secure = url.protocol === "https:" || url.protocol === "wss:";
  if (!secure && url.protocol !== "http:" && url.protocol !== "ws:")
    throw new CommandFailed(
      `--hub must use https:// or wss:// (http:// or ws:// on loopback only), got ${url.protocol}`,
    );
  if (!secure && !LOOPBACK.test(url.hostname))
    throw new CommandFailed(
      `--hub ${url.origin} is not encrypted: use https:// or wss:// (plain text is allowed to loopback only)`,
    );
  return new URL(AGENT_SOCKET_PATH, `${secure ? "wss" : "ws"}://${url.host}`);
}

/**
 * The agent's one outbound socket to the hub: says hello, streams the buffer in acknowledged
 * batches, reconnects with jittered exponential backoff and sends what was buffered
 * meanwhile. Stops for good on a close code that retrying cannot fix.
 */
export class HubLink {
  #ws: WebSocket | null = null;
  #ready = false;
  #stopped = false;
  #failures = 0;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #refusal: string | null = null;
  /** The latest slow-cadence message of each type (`filesystems`, `ports`), sent again after each welcome. */
  #latest = new Map<string, { type: string }>();

  constructor(
    private readonly options: {
      url: URL;
      hello: () => Hello;
      buffer: SampleBuffer;
      log: Logger;
      reconnect: { minMs: number; maxMs: number };
      /** What the link tells the agent command. */
      events: {
        /** The hub enrolled this agent: store the credential before anything else. */
        enrolled(credential: { id: string; secret: string }): void;
        /** The hub refused for good (revoked, unauthorized, another protocol): stop with this message. */
        refused(message: string): void;
        /** The hub wants this host's process table or windows (every tick) or no longer does; both off on every disconnect. */
        watch(change: WatchChange): void;
        /** The hub asks for a remote action (protocol 3): answer with {@link HubLink.sendNow}. */
        action(request: ActionMessage): void;
      };
      /** The hub's pinned keys (`agent.pin`): every connection is checked against them first. */
      pin?: HubPin | null;
    },
  ) {}

  /** Closes the socket and stops reconnecting. */
  stop(): void {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#ws?.close(1000, "agent stopping");
  }

  /** Sends what the buffer holds beyond what is in flight. */
  pump(): void {
    const ws = this.#ws;
    if (!ws || !this.#ready) return;
    const { buffer } = this.options;
    while (buffer.inFlight < WINDOW && ws.bufferedAmount < MAX_QUEUED_BYTES) {
      const batch = buffer.next(MAX_BATCH_SAMPLES);
      if (!batch) return;
      ws.send(
        JSON.stringify({ type: "samples", seq: batch.seq, sentAt: Date.now(), samples: batch.samples }),
      );
    }
  }

  /**
   * Sends the process table or window list the hub watches, or the answer to its `action`, when
   * connected: one missed is not resent (an answer the hub no longer waits for is dropped).
   */
  sendNow(message: Extract<AgentMessage, { type: "processes" | "windows" }> | ActionResultMessage): void {
    if (this.#ws && this.#ready) this.#ws.send(JSON.stringify(message));
  }

  /**
   * Sends a slow-cadence message (`filesystems`, `ports`) when connected, and again on each
   * reconnect: only the newest of each type matters.
   */
  sendLatest(message: Extract<AgentMessage, { type: "filesystems" | "ports" }>): void {
    this.#latest.set(message.type, message);
    if (this.#ws && this.#ready) this.#ws.send(JSON.stringify(message));
  }

  /** Connects (and keeps reconnecting until stopped). */
  start(): void {
    if (this.#stopped) return;
    const { pin, url } = this.options;
    if (!pin) this.#open();
    else
      pin.tls(url).then(
        (tls) => this.#open(tls),
        (error: Error) =>
          this.#retry(error instanceof PinMismatch ? "certificate pin mismatch" : error.message),
      );
  }

  #open(tls?: SocketTls): void {
    if (this.#stopped) return;
    const { url } = this.options;
    this.#ready = false;
    this.#refusal = null;
    const ws = openSocket(url, tls);
    this.#ws = ws;
    ws.onopen = () => ws.send(JSON.stringify(this.options.hello()));
    ws.onmessage = (event) => this.#onMessage(ws, event.data as string);
    let failure: string | null = null;
    ws.onerror = (event) => {
      // A certificate the system does not trust, a refused connection …: said with the reconnect.
      failure = (event as ErrorEvent).message || "connection failed";
    };
    ws.onclose = (event) => {
      if (this.#ws !== ws) return;
      this.#ws = null;
      this.#ready = false;
      this.options.events.watch({ processes: false, windows: false });
      const reason = this.#refusal ?? (event.reason || failure || `closed with ${event.code}`);
      if (FINAL_CLOSE_CODES.has(event.code)) {
        this.#stopped = true;
        this.options.events.refused(reason);
        return;
      }
      this.#retry(reason, event.code);
    };
  }

  /** Logs why the hub is not reached and tries again after the backoff. */
  #retry(reason: string, code?: number): void {
    if (this.#stopped) return;
    const delay = this.#backoff();
    this.options.log.warn("hub unreachable; reconnecting", {
      hub: this.options.url.origin,
      code,
      reason,
      inMs: delay,
    });
    this.#timer = setTimeout(() => this.start(), delay);
  }

  /** The wait before the next try: doubling from `minMs` to `maxMs`, ±50 % jitter. */
  #backoff(): number {
    const { minMs, maxMs } = this.options.reconnect;
    const base = Math.min(maxMs, minMs * 2 ** Math.min(this.#failures++, 20));
    return Math.round(base * (0.5 + Math.random()));
  }

  #onMessage(ws: WebSocket, raw: string): void {
    const envelope = readEnvelope(raw);
    if (envelope?.type === "welcome") {
      const mismatch = protocolMismatch(envelope.protocol ?? 0, PROTOCOL_VERSION, PROTOCOL_VERSION, "hub");
      if (mismatch) {
        this.#refusal = mismatch;
        ws.close(CLOSE.protocol, "protocol mismatch");
        return;
      }
    }
    const parsed = hubMessageSchema.safeParse(envelope?.value);
    if (!parsed.success) {
      this.options.log.warn("unreadable message from the hub", {
        problem: envelope ? issueLine(parsed.error) : "not JSON",
      });
      ws.close(CLOSE.badMessage, "unreadable message");
      return;
    }
    const message = parsed.data;
    switch (message.type) {
      case "welcome":
        if (message.credential) this.options.events.enrolled(message.credential);
        this.#ready = true;
        this.#failures = 0;
        this.options.buffer.restart();
        for (const latest of this.#latest.values()) this.#ws?.send(JSON.stringify(latest));
        this.options.log.info("connected to the hub", {
          hub: this.options.url.origin,
          hostId: message.hostId,
          hubVersion: message.hubVersion,
          buffered: this.options.buffer.size,
        });
        this.pump();
        return;
      case "ack":
        this.options.buffer.ack(message.seq);
        this.pump();
        return;
      case "watch":
        this.options.events.watch(message);
        return;
      case "action":
        this.options.events.action(message);
        return;
      case "refused":
        this.#refusal = message.message;
        this.options.log.warn("the hub refused", { code: message.code, reason: message.message });
        return;
    }
  }
}
