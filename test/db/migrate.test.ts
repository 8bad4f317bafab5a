import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Database, openDatabase } from "../../src/db/client.ts";
import {
  appliedMigrations,
  isMigrated,
  type Migration,
  MigrationRefused,
  migrate,
  readMigrations,
} from "../../src/db/migrate.ts";

let dir: string;
let database: Database;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "warden-migrate-"));
  database = await openDatabase({ url: `file:${join(dir, "nested", "w.db")}` });
});
afterEach(() => {
  database.close();
  rmSync(dir, { recursive: true, force: true });
});

const tables = async () =>
  (await database.client.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")).rows.map(
    (r) => String(r.name),
  );

function fake(tag: string, sql: string): Migration {
  return { tag, statements: [sql], hash: new Bun.CryptoHasher("sha256").update(sql).digest("hex") };
}

describe("database", () => {
  test("opens a file database in WAL mode with foreign keys and a busy timeout", async () => {
    const mode = await database.client.execute("PRAGMA journal_mode");
    expect(String(mode.rows[0]?.[0])).toBe("wal");
    const fk = await database.client.execute("PRAGMA foreign_keys");
    expect(Number(fk.rows[0]?.[0])).toBe(1);
    const busy = await database.client.execute("PRAGMA busy_timeout");
    expect(Number(busy.rows[0]?.[0])).toBe(5000);
  });
});

describe("migrate", () => {
  test("applies the shipped drizzle-kit migrations, records them, and is idempotent", async () => {
    const shipped = readMigrations();
    expect(shipped.length).toBeGreaterThan(0);
    expect(await isMigrated(database.client, shipped)).toBe(false);
    const first = await migrate(database.client, shipped);
    expect(first.applied).toEqual(shipped.map((m) => m.tag));
    expect(await tables()).toContain("audit_log");
    expect(await isMigrated(database.client, shipped)).toBe(true);
    const second = await migrate(database.client, shipped);
    expect(second).toEqual({ applied: [], alreadyApplied: shipped.length });
    expect((await appliedMigrations(database.client)).map((a) => a.tag)).toEqual(shipped.map((m) => m.tag));
  });

  test("a failing migration rolls back entirely and keeps earlier ones", async () => {
    const good = fake("0001_good", "CREATE TABLE good (id INTEGER PRIMARY KEY)");
    const bad: Migration = {
      tag: "0002_bad",
      statements: ["CREATE TABLE half (id INTEGER)", "INSERT INTO missing_table VALUES (1)"],
      hash: "h",
    };
    await expect(migrate(database.client, [good, bad])).rejects.toThrow();
    expect(await tables()).toContain("good");
    expect(await tables()).not.toContain("half");
    expect((await appliedMigrations(database.client)).map((a) => a.tag)).toEqual(["0001_good"]);
  });

  test("a database newer than the binary is refused and left untouched", async () => {
    const a = fake("0001_a", "CREATE TABLE a (id INTEGER)");
    const b = fake("0002_b", "CREATE TABLE b (id INTEGER)");
    await migrate(database.client, [a, b]);
    const c = fake("0003_c", "CREATE TABLE c (id INTEGER)");
    const error = await migrate(database.client, [a, c]).catch((e) => e);
    expect(error).toBeInstanceOf(MigrationRefused);
    expect(String(error.message)).toContain("newer than this Warden binary");
    expect(String(error.message)).toContain("0002_b");
    expect(await tables()).not.toContain("c");
  });

  test("an applied migration whose SQL changed is refused", async () => {
    await migrate(database.client, [fake("0001_a", "CREATE TABLE a (id INTEGER)")]);
    const edited = fake("0001_a", "CREATE TABLE a (id INTEGER, extra TEXT)");
    await expect(migrate(database.client, [edited])).rejects.toBeInstanceOf(MigrationRefused);
  });
});
