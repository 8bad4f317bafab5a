import { afterAll, beforeAll } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { createApp, type WardenApp } from "../../src/app.ts";
import type { Tree } from "../../src/config/flatten.ts";
import { type Config, loadConfig } from "../../src/config.ts";
import { openDatabase } from "../../src/db/client.ts";
import { migrate, readMigrations } from "../../src/db/migrate.ts";
import { ROLES, type Role, users } from "../../src/db/schema/users.ts";
import type { AppDeps } from "../../src/deps.ts";
import type { RouteManifest } from "../../src/kit/module-routers.ts";
import { loadAssets } from "../../src/lib/assets.ts";
import { loadCatalogs } from "../../src/lib/i18n.ts";
import { createLogger } from "../../src/lib/log.ts";
import { signAccessToken } from "../../src/modules/auth/access-tokens.ts";
import { hashPassword } from "../../src/modules/auth/passwords.ts";
import { DeliveryWorker } from "../../src/modules/notifications/delivery-worker.ts";
import { Notifier } from "../../src/modules/notifications/notifier.ts";
import type { AlertEvents } from "../../src/modules/soc/alert-events.ts";
import type { AlertSink } from "../../src/monitor/alert-sink.ts";
import { AppMetrics } from "../../src/monitor/app-metrics.ts";
import { MetricsHub } from "../../src/monitor/hub.ts";
import { Bus } from "../../src/realtime/bus.ts";
import { withStatus } from "./answers.ts";

/** Password of every seeded test user. */
export const TEST_PASSWORD = "correct-horse-battery-9";

/** A seeded user of one role. */
export interface TestUser {
  id: string;
  email: string;
  username: string;
  role: Role;
}

/** A Warden app on a fresh, migrated database in its own temporary directory. */
export interface TestApp extends WardenApp, AppDeps {
  dir: string;
  /** Log lines written during the test. */
  logs: string[];
  /** One active user per role (empty with `{ seed: false }`). */
  users: Record<Role, TestUser>;
  /** A fresh access token of the seeded user with `role`. */
  tokenFor(role: Role): Promise<string>;
  /** `app.request` as the seeded user with `role` (bearer token), or anonymously with `null`. */
  as(role: Role | null, path: string, init?: RequestInit): Promise<Response>;
  /** Stops the delivery worker, closes the database and (unless it was given) removes the directory. */
  close(): Promise<void>;
}

/** A configuration for tests: defaults, a temp data dir, quiet logs, plus `overrides`. */
export function testConfig(dir: string, overrides: Tree = {}): Config {
  return loadConfig({
    cwd: dir,
    env: {},
    flags: { dataDir: join(dir, "data") },
    overrides: { log: { level: "debug", format: "json" }, ...overrides },
    secrets: "create",
  }).config;
}

/** How {@link createTestApp} builds an app, beyond the configuration. */
export interface TestAppOptions {
  seed?: boolean;
  localesDir?: string;
  dir?: string;
  alertSink?: AlertSink;
  alertEvents?: AlertEvents;
  deps?: Pick<AppDeps, "onNewOpenPorts" | "resolve">;
  routeManifest?: RouteManifest;
}

let seededHash: Promise<string> | null = null;

/**
 * Builds an app the way `serve` does, on a temporary migrated database, with one user
 * per role unless `seed` is false (first-run tests).
 */
export async function createTestApp(overrides: Tree = {}, options: TestAppOptions = {}): Promise<TestApp> {
  // With `dir`, the app opens the database an earlier app left there (a restart).
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), "warden-test-"));
  const config = testConfig(dir, overrides);
  const logs: string[] = [];
  const database = await openDatabase({
    url: config.database.url ?? "",
    busyTimeoutMs: config.database.busyTimeoutMs,
  });
  const migrations = readMigrations();
  await migrate(database.client, migrations);
  const bus = new Bus();
  const log = createLogger(
    () => config.log,
    (line) => logs.push(line),
  );
  const appMetrics = new AppMetrics();
  const worker = new DeliveryWorker(
    database.db,
    { get: () => config },
    log,
    undefined,
    appMetrics.deliveries,
  );
  await worker.start();
  const catalogs = loadCatalogs(options.localesDir);
  const notifier = new Notifier({
    db: database.db,
    bus,
    config: { get: () => config },
    log,
    worker,
    catalogs,
  });
  const deps: AppDeps = {
    config: { get: () => config },
    bus,
    metrics: new MetricsHub({ bus, config: { get: () => config }, log }),
    notifier,
    database,
    log: createLogger(
      () => config.log,
      (line) => logs.push(line),
    ),
    migrations,
    catalogs,
    assets: loadAssets(),
    hostName: "test-host",
    version: "0.0.0-test",
    startedAt: Date.now(),
    alertSink: options.alertSink,
    appMetrics,
    // Alerts tell the notification system, as in `serve`, unless a test listens itself.
    alertEvents: options.alertEvents ?? notifier,
    ...options.deps,
  };
  const warden = createApp(deps, options.routeManifest ?? null);
  const seeded = {} as Record<Role, TestUser>;
  if (options.seed !== false) {
    seededHash ??= hashPassword(TEST_PASSWORD);
    const passwordHash = await seededHash;
    const now = Date.now();
    for (const role of ROLES) {
      const user = { id: Bun.randomUUIDv7(), email: `${role}@example.test`, username: role, role };
      // A restarted app (same `dir`) finds the users the first one seeded.
      const [existing] = await database.db.select().from(users).where(eq(users.username, role));
      if (existing) user.id = existing.id;
      else
        await database.db
          .insert(users)
          .values({ ...user, displayName: `The ${role}`, passwordHash, createdAt: now, updatedAt: now });
      seeded[role] = user;
    }
  }
  const tokenFor = async (role: Role) => {
    const [row] = await database.client
      .execute({ sql: "SELECT token_version FROM users WHERE id = ?", args: [seeded[role].id] })
      .then((r) => r.rows);
    return signAccessToken(
      { id: seeded[role].id, role, tokenVersion: Number(row?.token_version ?? 0) },
      // A session of its own that nobody signs out of.
      Bun.randomUUIDv7(),
      config.security.jwtSecret ?? "",
      900,
    );
  };
  return {
    ...deps,
    ...warden,
    dir,
    logs,
    users: seeded,
    tokenFor,
    async as(role, path, init = {}) {
      const headers = new Headers(init.headers);
      if (role) headers.set("Authorization", `Bearer ${await tokenFor(role)}`);
      return warden.app.request(path, { ...init, headers });
    },
    async close() {
      await warden.ruleEngine.stop();
      warden.scans.scheduler.stop();
      await warden.scans.runner.stop();
      await warden.alertQueue.stop(1_000);
      warden.streams.closeAll();
      warden.ws.closeAll();
      deps.metrics.stop();
      await deps.notifier.settled();
      await worker.stop();
      database.close();
      if (!options.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Request init for a JSON body. */
export function jsonInit(body: unknown, method = "POST", headers: Record<string, string> = {}): RequestInit {
  return { method, headers: { "Content-Type": "application/json", ...headers }, body: JSON.stringify(body) };
}

/**
 * Creates a record through the API: POSTs `body` as JSON to `path` as the seeded user with
 * `role` (signed in with a bearer token), expects 201 and answers the created record.
 */
export async function createdAs(t: TestApp, role: Role, path: string, body: unknown) {
  return (await withStatus(t.as(role, path, jsonInit(body)), 201)).json();
}

/**
 * One app for all the tests of the calling file: registers a `beforeAll` hook that creates it
 * with {@link createTestApp} and an `afterAll` hook that closes it. The answer stands for that
 * app once the hook has run, so use it inside tests, hooks and the functions they call, not at
 * the top level of the file.
 */
export function useTestApp(overrides: Tree = {}, options: TestAppOptions = {}): TestApp {
  let app: TestApp | undefined;
  beforeAll(async () => {
    app = await createTestApp(overrides, options);
  });
  afterAll(() => app?.close());
  return new Proxy({} as TestApp, {
    get(_, key) {
      if (!app) throw new Error("useTestApp: the app is there only inside tests and hooks");
      return Reflect.get(app, key);
    },
  });
}
