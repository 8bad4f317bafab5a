import type { SnapshotProvider } from "../realtime/sse.ts";
import type { MetricsHub } from "./hub.ts";
import type { Sample } from "./sample.ts";

/**
 * The samples in the hub's ring as columns for the dashboard's charts: time in seconds, CPU and
 * memory in %, network in bytes/s.
 */
function chartSeries(samples: Sample[]) {
  return {
    t: samples.map((s) => Math.round(s.at / 1000)),
    cpu: samples.map((s) => s.cpu.busy),
    memory: samples.map((s) =>
      s.memory.total > 0 ? Math.round((s.memory.used / s.memory.total) * 1000) / 10 : 0,
    ),
    rx: samples.map((s) => s.network.rx),
    tx: samples.map((s) => s.network.tx),
  };
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
