import type { Socket } from "bun";

/** What a TCP connect attempt found: accepted, refused, or no answer before the timeout. */
export type PortState = "open" | "closed" | "filtered";

/** How a scan runs. */
export interface ScanPlan {
  /** IP addresses to connect to (already resolved and allowed). */
  hosts: readonly string[];
  /** Ports to try on every host. */
  ports: readonly number[];
  /** Connections in flight at most. */
  concurrency: number;
  /** A port that neither accepts nor refuses within this is `filtered`. */
  connectTimeoutMs: number;
  /** How long an open port is given to speak first; 0 skips the banner grab. */
  bannerTimeoutMs: number;
  /** Aborting stops the scan at once: no new connection starts, answers still pending are ignored. */
  signal?: AbortSignal;
}

/**
 * Hears each port as it finishes (positional arguments: nothing is allocated per port);
 * `banner` is the printable text an open port sent first (≤ 256 bytes read), or null.
 */
export type PortListener = (host: string, port: number, state: PortState, banner: string | null) => void;

/** Counts of a scan so far. */
export interface ScanCounts {
  done: number;
  total: number;
  open: number;
  closed: number;
  filtered: number;
}

/** What a finished (or aborted) scan counted. */
export type ScanOutcome = ScanCounts & { aborted: boolean };

/** The most bytes of a banner read. */
const BANNER_BYTES = 256;

/** One connection in flight. A slot is reused for the next port; `generation` tells stale callbacks apart. */
interface Slot {
  generation: number;
  busy: boolean;
  host: string;
  port: number;
  /** When the attempt (or, once open, the banner wait) gives up. */
  deadline: number;
  socket: Socket<SlotRef> | null;
  banner: string | null;
}

/** What a socket carries: its slot and the generation it was started for. */
interface SlotRef {
  slot: Slot;
  generation: number;
}

/** Keeps the bytes a person can read: printable ASCII, with runs of anything else turned into one space. */
export function printableBanner(bytes: Uint8Array): string | null {
  let text = "";
  let gap = false;
  for (const byte of bytes.subarray(0, BANNER_BYTES)) {
    if (byte >= 0x20 && byte < 0x7f) {
      if (gap && text) text += " ";
      gap = false;
      text += String.fromCharCode(byte);
    } else gap = true;
  }
  return text.trim() || null;
}

/**
 * A TCP connect scan: every host × port, at most `concurrency` connections at a time, each
 * slot reused for the next port so nothing is allocated per port beyond the socket itself.
 * One timer sweeps every slot's deadline (connect timeout, then the banner wait) instead of a
 * timer per connection. `onPort` hears each port as it finishes;
 * `counts` can be read at any time for progress.
 */
export class PortScan {
  readonly counts: ScanCounts;
  #next = 0;
  #slots: Slot[];
  #finish: (outcome: ScanOutcome) => void = () => {};
  #sweeper: ReturnType<typeof setInterval> | null = null;
  #ended = false;

  constructor(
    private readonly plan: ScanPlan,
    private readonly onPort: PortListener,
  ) {
    const total = plan.hosts.length * plan.ports.length;
    this.counts = { done: 0, total, open: 0, closed: 0, filtered: 0 };
    const size = Math.max(1, Math.min(plan.concurrency, total));
    this.#slots = Array.from({ length: size }, () => ({
      generation: 0,
      busy: false,
      host: "",
      port: 0,
      deadline: 0,
      socket: null,
      banner: null,
    }));
  }

  /** Runs the scan; resolves when every port is done or the signal aborted it. */
  run(): Promise<ScanOutcome> {
    return new Promise((resolve) => {
      this.#finish = resolve;
      const { signal } = this.plan;
      if (signal?.aborted) return this.#end(true);
      signal?.addEventListener("abort", () => this.#end(true), { once: true });
      if (this.counts.total === 0) return this.#end(false);
      const tick = Math.max(10, Math.min(100, Math.floor(this.plan.connectTimeoutMs / 4)));
      this.#sweeper = setInterval(() => this.#sweep(), tick);
      for (const slot of this.#slots) this.#start(slot);
    });
  }

  #start(slot: Slot): void {
    if (this.#ended) return;
    const { hosts, ports } = this.plan;
    if (this.#next >= this.counts.total) {
      slot.busy = false;
      if (this.counts.done === this.counts.total) this.#end(false);
      return;
    }
    const index = this.#next++;
    slot.generation++;
    slot.busy = true;
    slot.host = hosts[Math.floor(index / ports.length)] as string;
    slot.port = ports[index % ports.length] as number;
    slot.deadline = Date.now() + this.plan.connectTimeoutMs;
    slot.socket = null;
    slot.banner = null;
    Bun.connect<SlotRef>({
      hostname: slot.host,
      port: slot.port,
      data: { slot, generation: slot.generation },
      socket: this.#handlers,
    }).catch(() => {});
  }

  /** Shared by every socket: the callbacks find their slot through `socket.data`. */
  #handlers = {
    open: (socket: Socket<SlotRef>) => {
      const { slot, generation } = socket.data;
      if (this.#ended || slot.generation !== generation) return void socket.end();
      // A connect to a free port of the ephemeral range can be given that same port as its
      // source and "connect" to itself (TCP simultaneous open): nothing listens there.
      if (socket.localPort === slot.port && socket.localAddress === socket.remoteAddress)
        return this.#done(slot, "closed", socket);
      if (this.plan.bannerTimeoutMs <= 0) return this.#done(slot, "open");
      slot.socket = socket;
      slot.deadline = Date.now() + this.plan.bannerTimeoutMs;
    },
    data: (socket: Socket<SlotRef>, bytes: Buffer) => {
      const { slot, generation } = socket.data;
      if (slot.generation !== generation || !slot.busy) return void socket.end();
      slot.banner = printableBanner(bytes);
      this.#done(slot, "open");
    },
    connectError: (socket: Socket<SlotRef>) => {
      const { slot, generation } = socket.data;
      if (slot.generation === generation && slot.busy) this.#done(slot, "closed");
    },
    close: () => {},
    error: () => {},
  };

  #sweep(): void {
    const now = Date.now();
    for (const slot of this.#slots) {
      if (!slot.busy || slot.deadline > now) continue;
      // Open and waiting for a banner that never came, or no answer at all.
      this.#done(slot, slot.socket ? "open" : "filtered");
    }
  }

  #done(slot: Slot, state: PortState, socket?: Socket<SlotRef>): void {
    socket?.end();
    slot.socket?.end();
    slot.socket = null;
    const { counts } = this;
    counts.done++;
    counts[state]++;
    this.onPort(slot.host, slot.port, state, state === "open" ? slot.banner : null);
    // A new generation makes the late callbacks of this attempt (a connect answered after its timeout) no-ops.
    slot.generation++;
    this.#start(slot);
  }

  #end(aborted: boolean): void {
    if (this.#ended) return;
    this.#ended = true;
    if (this.#sweeper) clearInterval(this.#sweeper);
    for (const slot of this.#slots) {
      slot.socket?.end();
      slot.busy = false;
    }
    this.#finish({ ...this.counts, aborted });
  }
}
