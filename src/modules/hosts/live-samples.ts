import type { Bus } from "../../realtime/bus.ts";
import type { HostFigures } from "./sample-writer.ts";

/** How long received samples are gathered before one `hosts.live` event carries them all. */
export const LIVE_WINDOW_MS = 100;

/** A host's newest sample as its viewers see it live (hub time): its id, CPU and memory. */
export type LiveSample = { id: string } & Pick<HostFigures, "at" | "cpu" | "memory">;

/**
 * The live path of agent samples, apart from the stored one: the newest sample of each host
 * that reported during the last {@link LIVE_WINDOW_MS} goes out in ONE `hosts.live` event, so
 * viewers see a sample about a tenth of a second after it arrives instead of after the
 * writer's next tick (up to `monitor.intervalMs`), and the cost is one event per window
 * whatever the number of hosts or viewers.
 */
export class LiveSamples {
  #latest = new Map<string, LiveSample>();
  #timer: ReturnType<typeof setInterval> | null = null;

  constructor(private readonly bus: Bus) {}

  /** Starts publishing every {@link LIVE_WINDOW_MS}. */
  start(): void {
    this.#timer = setInterval(() => this.publish(), LIVE_WINDOW_MS);
  }

  /** Stops publishing (what is gathered is dropped: it is stored by the writer anyway). */
  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    this.#latest.clear();
  }

  /** Notes a host's sample; an older one of the same window is replaced. */
  add(sample: LiveSample): void {
    const known = this.#latest.get(sample.id);
    if (!known || known.at <= sample.at) this.#latest.set(sample.id, sample);
  }

  /** Publishes what was gathered, if anything. */
  publish(): void {
    if (this.#latest.size === 0) return;
    const samples = [...this.#latest.values()];
    this.#latest = new Map();
    this.bus.publish("hosts", "hosts.live", samples);
  }
}
