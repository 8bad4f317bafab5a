import type { WireSample } from "../../modules/hosts/protocol.ts";

/**
 * The agent's samples not yet acknowledged by the hub, oldest first, at most `capacity`
 * (the oldest are dropped beyond it, so a long outage costs bounded memory and never
 * blocks the host). Batches go out in order; an ack removes what it covers; after a
 * reconnect everything still here is sent again (the hub stores a sample once).
 */
export class SampleBuffer {
  #samples: WireSample[] = [];
  /** Time of the last sample sent on this connection (0: none yet). */
  #sentUpTo = 0;
  /** Batches sent and not acknowledged: seq → time of its last sample. */
  #inFlight = new Map<number, number>();
  #seq = 0;
  #dropped = 0;

  constructor(private readonly capacity: number) {}

  /** Adds a sample; answers how many old ones were dropped to make room (0 or 1). */
  push(sample: WireSample): number {
    this.#samples.push(sample);
    if (this.#samples.length <= this.capacity) return 0;
    this.#samples.shift();
    this.#dropped++;
    return 1;
  }

  /** Samples held now. */
  get size(): number {
    return this.#samples.length;
  }

  /** Samples dropped since start because the buffer was full. */
  get dropped(): number {
    return this.#dropped;
  }

  /** Batches sent and not acknowledged. */
  get inFlight(): number {
    return this.#inFlight.size;
  }

  /** The next batch to send (up to `max` samples after the last sent), or null. */
  next(max: number): { seq: number; samples: WireSample[] } | null {
    const start = this.#samples.findIndex((s) => s.at > this.#sentUpTo);
    if (start < 0) return null;
    const samples = this.#samples.slice(start, start + max);
    const last = samples.at(-1);
    if (!last) return null;
    const seq = this.#seq++;
    this.#sentUpTo = last.at;
    this.#inFlight.set(seq, last.at);
    return { seq, samples };
  }

  /** The hub stored batch `seq` (and those before it): drop what it covers. */
  ack(seq: number): void {
    const upTo = this.#inFlight.get(seq);
    if (upTo === undefined) return;
    for (const key of this.#inFlight.keys()) if (key <= seq) this.#inFlight.delete(key);
    let n = 0;
    while (n < this.#samples.length && (this.#samples[n]?.at ?? 0) <= upTo) n++;
    this.#samples.splice(0, n);
  }

  /** A new connection: everything unacknowledged goes out again, batches numbered from 0. */
  restart(): void {
    this.#inFlight.clear();
    this.#sentUpTo = 0;
    this.#seq = 0;
  }
}
