import type { GaugeSource, MetricFamily } from "../lib/exposition.ts";

/** How long gauges read from the database are served again before they are read anew. */
export const GAUGE_CACHE_MS = 5_000;

/**
 * The modules' database gauges for `/metrics`, read at most once per {@link GAUGE_CACHE_MS}
 * however many scrapers ask (concurrent scrapes share one reading). A source whose read
 * fails is left out of that reading and `onError` is told; the others are served.
 */
export class GaugeCache {
  #families: MetricFamily[] = [];
  #readAt = Number.NEGATIVE_INFINITY;
  #reading: Promise<MetricFamily[]> | null = null;

  constructor(
    private readonly sources: readonly GaugeSource[],
    private readonly onError: (source: GaugeSource, error: unknown) => void,
    private readonly ttlMs = GAUGE_CACHE_MS,
  ) {}

  /** The gauges as metric families, from the cache while it is fresh. */
  families(now = Date.now()): Promise<MetricFamily[]> {
    if (now - this.#readAt < this.ttlMs) return Promise.resolve(this.#families);
    this.#reading ??= this.#read(now).finally(() => {
      this.#reading = null;
    });
    return this.#reading;
  }

  async #read(now: number): Promise<MetricFamily[]> {
    const read = await Promise.all(
      this.sources.map(async (source): Promise<MetricFamily | null> => {
        try {
          return { name: source.name, help: source.help, type: "gauge", samples: await source.read() };
        } catch (error) {
          this.onError(source, error);
          return null;
        }
      }),
    );
    this.#families = read.filter((f): f is MetricFamily => f !== null);
    this.#readAt = now;
    return this.#families;
  }
}
