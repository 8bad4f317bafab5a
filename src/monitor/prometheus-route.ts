import { Hono } from "hono";
import type { ConfigSource } from "../config/live.ts";
import type { SerialWriter } from "../db/writer.ts";
import { assertCan } from "../kit/rbac.ts";
import type { BackgroundFailures } from "../lib/background-failures.ts";
import { type AppEnv, actorOf } from "../lib/context.ts";
import { NotFound } from "../lib/errors.ts";
import type { AlertQueueStats } from "./alert-queue.ts";
import type { MetricsHub } from "./hub.ts";
import { prometheusText } from "./prometheus.ts";

/**
 * For Prometheus scrapers (off unless `monitor.prometheus` is on; then a bearer API
 * token or session is required like everywhere):
 * - GET /metrics   the latest sample in the text exposition format
 */
export function prometheusRoutes(
  config: ConfigSource,
  metrics: MetricsHub,
  health: { alerts: { stats(): AlertQueueStats }; failures: BackgroundFailures; writer: SerialWriter },
): Hono<AppEnv> {
  const router = new Hono<AppEnv>();
  router.get("/metrics", (c) => {
    if (!config.get().monitor.prometheus)
      throw new NotFound("The Prometheus endpoint is off (monitor.prometheus).");
    assertCan(actorOf(c), "read", "system");
    return c.body(
      prometheusText(metrics.snapshot(), {
        alerts: health.alerts.stats(),
        failures: health.failures.entries(),
        writer: health.writer.stats(),
      }),
      200,
      {
        "Content-Type": "text/plain; version=0.0.4; charset=utf-8",
      },
    );
  });
  return router;
}
