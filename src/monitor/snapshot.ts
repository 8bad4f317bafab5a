import type { SnapshotProvider } from "../realtime/sse.ts";
import type { MetricsHub } from "./hub.ts";

/** What a new `metrics` subscriber is sent first: host facts, the latest sample, filesystems. */
export function metricsSnapshot(hub: MetricsHub): SnapshotProvider {
  return (topics) => (topics.includes("metrics") ? [{ name: "metrics.snapshot", data: hub.snapshot() }] : []);
}
