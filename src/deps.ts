import type { ConfigSource } from "./config/live.ts";
import type { Database } from "./db/client.ts";
import type { Migration } from "./db/migrate.ts";
import type { AssetTable } from "./lib/assets.ts";
import type { BackgroundFailures } from "./lib/background-failures.ts";
import type { Catalogs } from "./lib/i18n.ts";
import type { Logger } from "./lib/log.ts";
import type { Resolver } from "./lib/resolver.ts";
import type { Notifier } from "./modules/notifications/notifier.ts";
import type { NewOpenPortsListener } from "./modules/scans/runner.ts";
import type { AlertEvents } from "./modules/soc/alert-events.ts";
import type { AlertSink } from "./monitor/alert-sink.ts";
import type { AppMetrics } from "./monitor/app-metrics.ts";
import type { MetricsHub } from "./monitor/hub.ts";
import type { Bus } from "./realtime/bus.ts";

/** Everything the app needs, built once by `serve` (or by a test) and passed in. */
export interface AppDeps {
  config: ConfigSource;
  /** The realtime bus the SSE (and later WebSocket) transports serve. */
  bus: Bus;
  /** The metrics hub (started by `serve`; tests start it when they need samples). */
  metrics: MetricsHub;
  /** Turns record events into notifications, e-mails and webhook calls (built and started by `serve`). */
  notifier: Notifier;
  database: Database;
  log: Logger;
  migrations: Migration[];
  catalogs: Catalogs;
  assets: AssetTable;
  hostName: string;
  version: string;
  startedAt: number;
  /** Where alert rules raise and close alerts: the alerts service unless a test gives its own. */
  alertSink?: AlertSink;
  /** What alerts and cases tell the notification system (alert fired, record assigned); none: nothing is told. */
  alertEvents?: AlertEvents;
  /** Told which ports a completed scan found newly open: SOC alerts unless a test listens itself. */
  onNewOpenPorts?: NewOpenPortsListener;
  /** Host name resolution for scan targets (the system resolver by default). */
  resolve?: Resolver;
  /** Where background jobs count their failures (shown on `/metrics`); a fresh tally when absent. */
  failures?: BackgroundFailures;
  /** Where requests, deliveries and scan probes are counted (shown on `/metrics`); a fresh one when absent. */
  appMetrics?: AppMetrics;
}
