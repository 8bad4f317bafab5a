import { existsSync } from "node:fs";
import { hostname } from "node:os";
import { createApp, LARGEST_UPLOAD_BYTES } from "../app.ts";
import { LiveConfig } from "../config/live.ts";
import { watchDatabaseFile } from "../db/file-watchdog.ts";
import { MigrationRefused, migrate, readMigrations } from "../db/migrate.ts";
import { systemActor } from "../kit/actor.ts";
import { recordAudit } from "../kit/audit.ts";
import { loadAssets } from "../lib/assets.ts";
import { BackgroundFailures } from "../lib/background-failures.ts";
import { installFaultGuard } from "../lib/fault-guard.ts";
import { loadCatalogs } from "../lib/i18n.ts";
import { JitPolicy } from "../lib/jit-policy.ts";
import { createLogger } from "../lib/log.ts";
import { IS_COMPILED } from "../lib/paths.ts";
import { PeriodicJob } from "../lib/periodic-job.ts";
import { namesUnlisted } from "../middleware/allowed-hosts.ts";
import { registerHost } from "../modules/assets/registration.ts";
import { DeliveryWorker } from "../modules/notifications/delivery-worker.ts";
import { Notifier } from "../modules/notifications/notifier.ts";
import { pruneNotifications } from "../modules/notifications/retention.ts";
import { runRiskReminders } from "../modules/risks/reminders.ts";
import { snapshotRows } from "../modules/risks/risk-queries.ts";
import { startSnapshots } from "../modules/risks/snapshots.ts";
import { attackCatalogStored } from "../modules/threats/shipped-catalog.ts";
import { notifyOverdueVulnerabilities } from "../modules/vulnerabilities/overdue.ts";
import { AppMetrics } from "../monitor/app-metrics.ts";
import { HistoryRecorder } from "../monitor/history.ts";
import { hostRecord } from "../monitor/host-identity.ts";
import { MetricsHub } from "../monitor/hub.ts";
import type { Sample } from "../monitor/sample.ts";
import { Bus } from "../realtime/bus.ts";
import { startHttpServer, stopHttpServer } from "../server.ts";
import { VERSION } from "../version.ts";
import { type CommandArgs, CommandFailed } from "./args.ts";
import { importAttackCatalogApart } from "./attack-import.ts";
import { loadCommandConfig, openConfiguredDatabase } from "./bootstrap.ts";

/**
 * `warden serve`: loads and watches the configuration, migrates the database, serves
 * HTTP(S) until SIGTERM/SIGINT, then shuts down gracefully.
 * Resolves when the server has stopped.
 */
export async function serveCommand({ flags }: CommandArgs): Promise<void> {
  const { loaded: initial, load } = loadCommandConfig(flags, "create");
  const bootLog = createLogger(() => initial.config.log);
  for (const name of initial.unknownVariables)
    bootLog.warn("an environment variable names no setting (misspelt?); it is ignored", { variable: name });
  if (namesUnlisted(initial.config))
    bootLog.warn(
      "Warden answers to IP addresses and localhost only: list the names it is opened under (a browser, agents, Prometheus, a reverse proxy) in server.allowedHosts, or set notifications.publicUrl",
      { host: initial.config.server.host },
    );
  const live = new LiveConfig(initial, load, bootLog);
  const log = createLogger(() => live.get().log);
  const config = live.get();

  const failures = new BackgroundFailures();
  const database = await openConfiguredDatabase(config);
  // From here on a fault escaping every handler is logged and served through; only losing
  // the database file ends the process (exit 1, one log line).
  const stopFatally = (reason: string) => {
    log.error(`stopping: ${reason}`, { exitCode: 1 });
    // Let the log line reach stderr before the process ends.
    setTimeout(() => process.exit(1), 100);
  };
  const fileGone = () =>
    database.file && !existsSync(database.file) ? `the database file ${database.file} is gone` : null;
  const removeFaultGuard = installFaultGuard({ log, failures, fatal: fileGone, stop: stopFatally });
  const stopWatchingFile = database.file ? watchDatabaseFile(database.file, stopFatally) : () => undefined;
  const migrations = readMigrations();
  try {
    const report = await migrate(database.client, migrations);
    if (report.applied.length > 0) log.info("migrations applied", { applied: report.applied });
  } catch (error) {
    database.close();
    if (error instanceof MigrationRefused) throw new CommandFailed(error.message);
    throw error;
  }

  const bus = new Bus();
  const metrics = new MetricsHub({ bus, config: live, log });
  // E-mails and webhook calls left pending by the last run go out now.
  const appMetrics = new AppMetrics();
  const worker = new DeliveryWorker(database.db, live, log, failures, appMetrics.deliveries);
  await worker.start();
  const catalogs = loadCatalogs(undefined, config.i18n.defaultLocale);
  const notifier = new Notifier({ db: database.db, bus, config: live, log, worker, catalogs });
  const { app, streams, ws, ruleEngine, alertQueue, scans, hosts, startup } = createApp({
    config: live,
    bus,
    metrics,
    notifier,
    alertEvents: notifier,
    database,
    log,
    migrations,
    catalogs,
    assets: loadAssets(),
    hostName: hostname(),
    version: VERSION,
    startedAt: Date.now(),
    failures,
    appMetrics,
  });
  // The binary's first start imports the shipped ATT&CK catalog in a child process (its memory
  // goes with it); should that fail, the threats module's startup hook imports it here.
  if (IS_COMPILED && database.file && !(await attackCatalogStored(database.db)))
    await importAttackCatalogApart(config.database.url ?? "", config.database.busyTimeoutMs).catch((error) =>
      log.warn("the ATT&CK import in a child process failed; importing in the server", { error }),
    );
  // Reference data a first start imports (the shipped ATT&CK catalog); a failure is logged, never fatal.
  await startup().catch((error) => log.error("a module's startup failed", { error }));

  live.onChange((_config, changes) => {
    recordAudit(database.db, {
      actor: systemActor("config-reload"),
      action: "config.reload",
      resourceType: "config",
      changes,
    }).catch((error) => {
      failures.count("config audit");
      log.error("could not audit a config reload", { error });
    });
  });
  // Watch before listening, so no edit made once the server answers can be missed.
  live.watch();
  const onHangup = () => live.reload("SIGHUP");
  process.on("SIGHUP", onHangup);

  const history = new HistoryRecorder(database.db, live, log, failures);
  bus.subscribe(["metrics"], (event) => {
    if (event.name === "metrics.tick") history.add(event.data as Sample);
  });
  history.start();

  // The host registers itself in the CMDB once the sampler has read its facts, once per start.
  let registration: Promise<void> | null = null;
  const stopWatchingHost = metrics.onHost((host) => {
    registration ??= registerHost({ db: database.db, bus }, hostRecord(host))
      .then(({ action, asset }) => {
        const fields = { action, assetId: asset.id, hostname: asset.hostname };
        if (action === "unchanged") log.debug("host asset up to date", fields);
        else log.info("host registered as an asset", fields);
      })
      .catch((error) => {
        failures.count("host registration");
        log.error("could not register the host as an asset", { error });
      });
  });
  metrics.start();
  hosts.start();
  const periodicJob = (name: string, run: () => Promise<number>, intervalMs: () => number) =>
    new PeriodicJob(name, run, intervalMs, log, failures);
  const checkInterval = () => live.get().notifications.overdueCheckMinutes * 60_000;
  const notificationJobs = [
    periodicJob(
      "overdue vulnerability check",
      () => notifyOverdueVulnerabilities(database.db, notifier),
      checkInterval,
    ),
    periodicJob(
      "risk reminders",
      () => runRiskReminders({ db: database.db, bus, events: notifier }),
      checkInterval,
    ),
    periodicJob(
      "notification pruning",
      () => pruneNotifications(database.db, live.get().notifications.retentionDays),
      () => HOUR_MS,
    ),
  ];
  for (const job of notificationJobs) job.start();
  // The risk register as it stands each day (the trend's figures): today's at once if missing.
  const snapshots = startSnapshots({
    db: database.db,
    log,
    failures,
    source: () => snapshotRows(database.db),
  });
  const interrupted = await scans.runner.markInterrupted();
  if (interrupted > 0) log.warn("scans interrupted by the last stop", { count: interrupted });
  await scans.scheduler.start();
  // A signal from the moment the server answers (a health check that saw /readyz and stops it)
  // until the stop below is ready is remembered and handled then, never the default abrupt exit.
  let signalled: string | null = null;
  let onSignal = (signal: string) => {
    signalled = signal;
  };
  for (const signal of ["SIGTERM", "SIGINT"]) process.once(signal, () => onSignal(signal));
  const server = startHttpServer(app, config, ws.handlers, LARGEST_UPLOAD_BYTES);
  // After the server listens, so its own port is part of the new-listening-port baseline.
  await ruleEngine.start();
  // Start-up ran with a quiet JIT (main.ts); from now on `server.jit` decides, and in adaptive
  // mode the busy main thread is what turns the policy normal, not the start-up work.
  const jit = new JitPolicy({ mode: () => live.get().server.jit, log });
  jit.start();
  log.info("warden listening", {
    url: `${server.url.protocol}//${formatHost(config.server.host)}:${server.port}`,
    version: VERSION,
    env: config.env,
    dataDir: config.dataDir,
  });

  await new Promise<void>((resolve) => {
    let stopping = false;
    const stop = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      log.info("signal received", { signal });
      streams.closeAll();
      ws.closeAll();
      await stopHttpServer(server, live.get().server.shutdownTimeoutMs, log);
      await hosts.stop();
      await ruleEngine.stop();
      scans.scheduler.stop();
      await scans.runner.stop();
      // Alerts not yet stored go to the spool file, stored at the next start.
      if (!(await alertQueue.stop(ALERT_FLUSH_MS)))
        log.warn("alerts left in the spool for the next start", { spooled: alertQueue.stats().spooled });
      metrics.stop();
      stopWatchingHost();
      await registration;
      await history.stop();
      await Promise.all(notificationJobs.map((job) => job.stop()));
      await snapshots.stop();
      // What requests already notified is written to the outbox before the database closes.
      await notifier.settled();
      await worker.stop();
      live.close();
      jit.stop();
      process.off("SIGHUP", onHangup);
      stopWatchingFile();
      database.close();
      removeFaultGuard();
      log.info("warden stopped");
      resolve();
    };
    onSignal = (signal) => void stop(signal);
    if (signalled) void stop(signalled);
  });
}

const HOUR_MS = 3_600_000;

/** How long shutdown waits for queued alerts to be stored before spooling them. */
const ALERT_FLUSH_MS = 2_000;

function formatHost(host: string): string {
  return host.includes(":") ? `[${host}]` : host;
}
