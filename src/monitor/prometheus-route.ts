import { Hono } from "hono";
import type { ConfigSource } from "../config/live.ts";
import type { SerialWriter } from "../db/writer.ts";
import { assertCan } from "../kit/rbac.ts";
import type { BackgroundFailures } from "../lib/background-failures.ts";
import { type AppEnv, actorOf } from "../lib/context.ts";
import { NotFound } from "../lib/errors.ts";
import {
  byLabel,
  EXPOSITION_CONTENT_TYPE,
  expositionText,
  family,
  type GaugeSource,
  type MetricFamily,
} from "../lib/exposition.ts";
import type { Logger } from "../lib/log.ts";
import type { AlertQueueStats } from "./alert-queue.ts";
import type { AppMetrics } from "./app-metrics.ts";
import { GaugeCache } from "./gauge-cache.ts";
import { hostFamilies } from "./host-metrics.ts";
import type { MetricsHub } from "./hub.ts";
import { processFamilies } from "./process-metrics.ts";

/** What `/metrics` reads beside the host. */
export interface PrometheusSources {
  metrics: MetricsHub;
  app: AppMetrics;
  /** The modules' database gauges (open alerts and incidents by severity …). */
  gauges: readonly GaugeSource[];
  alerts: { stats(): AlertQueueStats };
  failures: BackgroundFailures;
  writer: SerialWriter;
  log: Logger;
  version: string;
}

/**
 * Warden's health as metric families: its version, the alert write queue's writes and
 * failures (counters) and what waits in it, the writer's writes and waits, and failures of
 * background jobs.
 */
function healthFamilies(sources: PrometheusSources): MetricFamily[] {
  const alerts = sources.alerts.stats();
  const writer = sources.writer.stats();
  return [
    family("gauge", "warden_build_info", "The running Warden's version (always 1).", [
      [{ version: sources.version }, 1],
    ]),
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
      sources.failures.entries().map(([job, n]) => [{ job }, n]),
    ),
  ];
}

/**
 * For Prometheus scrapers (off unless `monitor.prometheus` is on; then a bearer API
 * token or session is required like everywhere):
 * - GET /metrics   host (node_exporter's names, prefix `warden_`), process, application
 *                  and health metrics in the text exposition format
 */
export function prometheusRoutes(config: ConfigSource, sources: PrometheusSources): Hono<AppEnv> {
  const gauges = new GaugeCache(sources.gauges, (source, error) => {
    sources.failures.count("metrics gauges");
    sources.log.warn("a /metrics gauge could not be read", { gauge: source.name, error });
  });
  const router = new Hono<AppEnv>();
  router.get("/metrics", async (c) => {
    if (!config.get().monitor.prometheus)
      throw new NotFound("The Prometheus endpoint is off (monitor.prometheus).");
    assertCan(actorOf(c), "read", "system");
    const families = [
      ...hostFamilies(sources.metrics.snapshot().filesystems),
      ...processFamilies(),
      ...sources.app.families(),
      ...(await gauges.families()),
      ...healthFamilies(sources),
    ];
    return c.body(expositionText(families), 200, { "Content-Type": EXPOSITION_CONTENT_TYPE });
  });
  return router;
}
