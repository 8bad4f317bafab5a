import { readFileSync } from "node:fs";
import { hostname } from "node:os";
import { createApp } from "../app.ts";
import { LiveConfig } from "../config/live.ts";
import type { ConfigFlags } from "../config.ts";
import { MigrationRefused, migrate, readMigrations } from "../db/migrate.ts";
import { loadAssets } from "../lib/assets.ts";
import { loadCatalogs } from "../lib/i18n.ts";
import { createLogger, type Logger } from "../lib/log.ts";
import { systemActor } from "../services/actor.ts";
import { recordAudit } from "../services/audit.ts";
import { VERSION } from "../version.ts";
import { CommandFailed, loadCommandConfig, openConfiguredDatabase } from "./bootstrap.ts";

/** Seconds an idle keep-alive connection stays open. Live streams opt out per request. */
const IDLE_TIMEOUT_SECONDS = 30;

/**
 * `warden serve`: loads and watches the configuration, migrates the database, serves
 * HTTP(S) until SIGTERM/SIGINT, then shuts down gracefully.
 * Resolves when the server has stopped.
 */
export async function serveCommand(flags: ConfigFlags): Promise<void> {
  const load = loadCommandConfig(flags, "create");
  const initial = load();
  const bootLog = createLogger(() => initial.config.log);
  const live = new LiveConfig(initial, load, bootLog);
  const log = createLogger(() => live.get().log);
  const config = live.get();

  const database = await openConfiguredDatabase(config);
  const migrations = readMigrations();
  try {
    const report = await migrate(database.client, migrations);
    if (report.applied.length > 0) log.info("migrations applied", { applied: report.applied });
  } catch (error) {
    database.close();
    if (error instanceof MigrationRefused) throw new CommandFailed(error.message);
    throw error;
  }

  const { app } = createApp({
    config: live,
    database,
    log,
    migrations,
    catalogs: loadCatalogs(undefined, config.i18n.defaultLocale),
    assets: loadAssets(),
    hostName: hostname(),
    version: VERSION,
    startedAt: Date.now(),
  });

  const tls =
    config.server.tls.cert && config.server.tls.key
      ? readTls(config.server.tls.cert, config.server.tls.key)
      : undefined;
  const server = Bun.serve({
    hostname: config.server.host,
    port: config.server.port,
    fetch: app.fetch,
    idleTimeout: IDLE_TIMEOUT_SECONDS,
    // The app's body-limit middleware answers 413 with a problem document; this is only a backstop.
    maxRequestBodySize: Math.max(config.server.bodyLimitBytes * 2, 1024 * 1024),
    ...(tls ? { tls } : {}),
  });
  log.info("warden listening", {
    url: `${tls ? "https" : "http"}://${formatHost(config.server.host)}:${server.port}`,
    version: VERSION,
    env: config.env,
    dataDir: config.dataDir,
  });

  live.onChange((_config, changes) => {
    recordAudit(database.db, {
      actor: systemActor("config-reload"),
      action: "config.reload",
      resourceType: "config",
      changes,
    }).catch((error) => log.error("could not audit a config reload", { error }));
  });
  live.watch();
  const onHangup = () => live.reload("SIGHUP");
  process.on("SIGHUP", onHangup);

  await new Promise<void>((resolve) => {
    let stopping = false;
    const stop = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      await shutdown(server, live.get().server.shutdownTimeoutMs, log, signal);
      live.close();
      process.off("SIGHUP", onHangup);
      database.close();
      log.info("warden stopped");
      resolve();
    };
    process.once("SIGTERM", () => void stop("SIGTERM"));
    process.once("SIGINT", () => void stop("SIGINT"));
  });
}

/**
 * Stops accepting connections and waits for in-flight requests; connections still
 * open after `timeoutMs` (a stuck client, a live stream) are closed by force.
 */
async function shutdown(
  server: Bun.Server<unknown>,
  timeoutMs: number,
  log: Logger,
  signal: string,
): Promise<void> {
  log.info("shutting down: finishing in-flight requests", { signal, pending: server.pendingRequests });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const forced = new Promise<"forced">((resolve) => {
    timer = setTimeout(() => resolve("forced"), timeoutMs);
  });
  const outcome = await Promise.race([server.stop(false).then(() => "drained" as const), forced]);
  clearTimeout(timer);
  if (outcome === "forced") {
    log.warn("shutdown timeout reached; closing remaining connections", { pending: server.pendingRequests });
    await server.stop(true);
  }
}

function readTls(certPath: string, keyPath: string): { cert: string; key: string } {
  try {
    return { cert: readFileSync(certPath, "utf8"), key: readFileSync(keyPath, "utf8") };
  } catch (error) {
    throw new CommandFailed(`cannot read the TLS certificate or key: ${(error as Error).message}`);
  }
}

function formatHost(host: string): string {
  return host.includes(":") ? `[${host}]` : host;
}
