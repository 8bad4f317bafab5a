import type { WriterStats } from "../db/writer.ts";
import { byLabel, family, type MetricFamily } from "../lib/exposition.ts";
import type { AlertQueueStats } from "./alert-queue.ts";

/** Warden's own health: the alert write queue, the database's one writer, background jobs. */
export interface WardenHealth {
  alerts: AlertQueueStats;
  /** The database's one writer. */
  writer: WriterStats;
  /** Failures of background jobs by job name. */
  failures: [job: string, failures: number][];
  /** The running version (`warden_build_info{version}`). */
  version: string;
}

/**
 * Warden's health as metric families: its version, the alert write queue's writes and
 * failures (counters) and what waits in it, the writer's writes and waits, and failures of
 * background jobs.
 */
export function healthFamilies(health: WardenHealth): MetricFamily[] {
  const { alerts, failures, writer, version } = health;
  return [
    family("gauge", "warden_build_info", "The running Warden's version (always 1).", [[{ version }, 1]]),
    family(
      "counter",
      "warden_alert_writes_total",
      "Alert writes by rules and scans, by what became of them.",
      byLabel("result", {
        queued: alerts.queued,
        raised: alerts.raised,
        closed: alerts.closed,
        dropped: alerts.dropped,
      }),
    ),
    family(
      "counter",
      "warden_alert_write_failures_total",
      "Failed attempts to store an alert (each is retried).",
      [[{}, alerts.failures]],
    ),
    family(
      "gauge",
      "warden_alert_writes_waiting",
      "Alert writes not yet stored, in memory or in the spool file.",
      byLabel("where", { memory: alerts.pending, spool: alerts.spooled }),
    ),
    family("counter", "warden_db_writes_total", "Writes and write transactions through the one writer.", [
      [{}, writer.writes],
    ]),
    family("gauge", "warden_db_writes_queued", "Writes waiting for the writer's lock now.", [
      [{}, writer.queued],
    ]),
    family("gauge", "warden_db_write_wait_max_seconds", "Longest wait for the writer's lock since start.", [
      [{}, writer.maxWaitMs / 1000],
    ]),
    family(
      "counter",
      "warden_background_failures_total",
      "Failures of background jobs (each logged and retried by its job).",
      failures.map(([job, n]) => [{ job }, n]),
    ),
  ];
}
