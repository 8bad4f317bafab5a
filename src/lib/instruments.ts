import type { Labels, MetricFamily, MetricSample } from "./exposition.ts";

/** The series of one instrument, keyed by its label values in the instrument's label order. */
class Series<T> {
  readonly #entries = new Map<string, { labels: Labels; value: T }>();

  constructor(private readonly labelNames: readonly string[]) {}

  #key(labels: Labels): string {
    return this.labelNames.map((name) => labels[name] ?? "").join("\u0000");
  }

  /** The entry of `labels`, if it was ever recorded. */
  find(labels: Labels): { labels: Labels; value: T } | undefined {
    return this.#entries.get(this.#key(labels));
  }

  /** The entry of `labels` (created with `initial()` the first time). */
  get(labels: Labels, initial: () => T): { labels: Labels; value: T } {
    return this.#entries.getOrInsertComputed(this.#key(labels), () => ({
      labels: Object.fromEntries(this.labelNames.map((name) => [name, labels[name] ?? ""])),
      value: initial(),
    }));
  }

  values(): IterableIterator<{ labels: Labels; value: T }> {
    return this.#entries.values();
  }
}

/** A counter with labels: one monotonic series per label set, kept in memory since start. */
export class CounterVec {
  readonly #series: Series<number>;

  constructor(
    readonly name: string,
    readonly help: string,
    labelNames: readonly string[],
    /** Label sets shown at 0 before their first count, so a rate over them exists from the start. */
    initial: readonly Labels[] = [],
  ) {
    this.#series = new Series(labelNames);
    for (const labels of initial) this.#series.get(labels, () => 0);
  }

  /** Adds `by` (default 1) to the series of `labels`. */
  inc(labels: Labels, by = 1): void {
    this.#series.get(labels, () => 0).value += by;
  }

  /** The count of `labels` so far (0 when never counted). */
  countOf(labels: Labels): number {
    return this.#series.find(labels)?.value ?? 0;
  }

  /** The counter as a metric family. */
  family(): MetricFamily {
    const samples = [...this.#series.values()].map(({ labels, value }) => ({ labels, value }));
    return { name: this.name, help: this.help, type: "counter", samples };
  }
}

/** Prometheus' default buckets (seconds): 5 ms to 10 s, right for request durations. */
export const DEFAULT_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;

interface HistogramState {
  /** Observations per bucket (not cumulative; summed when written). */
  counts: number[];
  sum: number;
  count: number;
}

/** A histogram with labels: cumulative `_bucket{le}` lines, `_sum` and `_count` per label set. */
export class HistogramVec {
  readonly #series: Series<HistogramState>;

  constructor(
    readonly name: string,
    readonly help: string,
    labelNames: readonly string[],
    private readonly buckets: readonly number[] = DEFAULT_BUCKETS,
  ) {
    this.#series = new Series(labelNames);
  }

  /** Records one observation of `value` for `labels`. */
  observe(labels: Labels, value: number): void {
    const state = this.#series.get(labels, () => ({
      counts: new Array<number>(this.buckets.length).fill(0),
      sum: 0,
      count: 0,
    })).value;
    const i = this.buckets.findIndex((upper) => value <= upper);
    if (i >= 0) state.counts[i] = (state.counts[i] ?? 0) + 1;
    state.sum += value;
    state.count++;
  }

  /** The histogram as a metric family. */
  family(): MetricFamily {
    const samples: MetricSample[] = [];
    for (const { labels, value } of this.#series.values()) {
      let cumulative = 0;
      this.buckets.forEach((upper, i) => {
        cumulative += value.counts[i] ?? 0;
        samples.push({ labels: { ...labels, le: String(upper) }, value: cumulative, suffix: "_bucket" });
      });
      samples.push({ labels: { ...labels, le: "+Inf" }, value: value.count, suffix: "_bucket" });
      samples.push({ labels, value: value.sum, suffix: "_sum" });
      samples.push({ labels, value: value.count, suffix: "_count" });
    }
    return { name: this.name, help: this.help, type: "histogram", samples };
  }
}
