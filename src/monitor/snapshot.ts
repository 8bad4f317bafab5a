import type { SnapshotProvider } from "../realtime/sse.ts";
import type { MetricsHub } from "./hub.ts";
import type { Sample } from "./sample.ts";

/** The recent samples as columns for charts: time in seconds, CPU and memory in %, network in bytes/s. */
export interface ChartSeries {
  t: number[];
  cpu: number[];
  memory: number[];
  rx: number[];
  tx: number[];
}

/** Columns of the samples in the hub's ring, for the dashboard's charts. */
export function chartSeries(samples: Sample[]): ChartSeries {
  const series: ChartSeries = { t: [], cpu: [], memory: [], rx: [], tx: [] };
  for (const s of samples) {
    series.t.push(Math.round(s.at / 1000));
    series.cpu.push(s.cpu.busy);
    series.memory.push(s.memory.total > 0 ? Math.round((s.memory.used / s.memory.total) * 1000) / 10 : 0);
    series.rx.push(s.network.rx);
    series.tx.push(s.network.tx);
  }
  return series;
}

/**
 * What a new `metrics` subscriber is sent first: host facts, the latest sample,
 * filesystems, and the ring as chart columns (so charts start full, not empty).
 */
export function metricsSnapshot(hub: MetricsHub): SnapshotProvider {
  return (topics) =>
    topics.includes("metrics")
      ? [
          {
            name: "metrics.snapshot",
            data: { ...hub.snapshot(), series: chartSeries(hub.recent()), intervalMs: hub.intervalMs },
          },
        ]
      : [];
}
