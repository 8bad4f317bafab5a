import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type AppDeps, createApp, type WardenApp } from "../../src/app.ts";
import type { Tree } from "../../src/config/flatten.ts";
import { type Config, loadConfig } from "../../src/config.ts";
import { openDatabase } from "../../src/db/client.ts";
import { migrate, readMigrations } from "../../src/db/migrate.ts";
import { loadAssets } from "../../src/lib/assets.ts";
import { loadCatalogs } from "../../src/lib/i18n.ts";
import { createLogger } from "../../src/lib/log.ts";

/** A Warden app on a fresh, migrated database in its own temporary directory. */
export interface TestApp extends WardenApp, AppDeps {
  dir: string;
  /** Log lines written during the test. */
  logs: string[];
  close(): void;
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

/** Builds an app the way `serve` does, on a temporary migrated database. */
export async function createTestApp(overrides: Tree = {}): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), "warden-test-"));
  const config = testConfig(dir, overrides);
  const logs: string[] = [];
  const database = await openDatabase({ url: config.database.url ?? "", busyTimeoutMs: 5000 });
  const migrations = readMigrations();
  await migrate(database.client, migrations);
  const deps: AppDeps = {
    config: { get: () => config },
    database,
    log: createLogger(
      () => config.log,
      (line) => logs.push(line),
    ),
    migrations,
    catalogs: loadCatalogs(),
    assets: loadAssets(),
    hostName: "test-host",
    version: "0.0.0-test",
    startedAt: Date.now(),
  };
  const warden = createApp(deps);
  return {
    ...deps,
    ...warden,
    dir,
    logs,
    close() {
      database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
