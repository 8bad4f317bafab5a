import { Hono } from "hono";
import type { ConfigSource } from "../config/live.ts";
import type { SerialWriter } from "../db/writer.ts";
import { assertCan } from "../kit/rbac.ts";
import type { BackgroundFailures } from "../lib/background-failures.ts";
import { type AppEnv, actorOf } from "../lib/context.ts";
import { NotFound } from "../lib/errors.ts";
import { EXPOSITION_CONTENT_TYPE, expositionText, type GaugeSource } from "../lib/exposition.ts";
import type { Logger } from "../lib/log.ts";
import type { AlertQueueStats } from "./alert-queue.ts";
import type { AppMetrics } from "./app-metrics.ts";
import { GaugeCache } from "./gauge-cache.ts";
import { hostFamilies } from "./host-metrics.ts";
import type { MetricsHub } from "./hub.ts";
import { processFamilies } from "./process-metrics.ts";
import { healthFamilies } from "./prometheus.ts";

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
      ...healthFamilies({
        alerts: sources.alerts.stats(),
        failures: sources.failures.entries(),
        writer: sources.writer.stats(),
        version: sources.version,
      }),
    ];
    return c.body(expositionText(families), 200, { "Content-Type": EXPOSITION_CONTENT_TYPE });
  });
  return router;
}
