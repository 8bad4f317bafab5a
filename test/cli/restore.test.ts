import { describe, expect, test } from "bun:test";
import {
  chownSync,
  copyFileSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@libsql/client";
import { openDatabase } from "../../src/db/client.ts";
import { migrate, readMigrations } from "../../src/db/migrate.ts";
import { systemActor } from "../../src/kit/actor.ts";
import { recordAudit } from "../../src/kit/audit.ts";
import { RestoreError, restoreDatabase } from "../../src/modules/system/restore.ts";
import { runWarden, setupAdmin, startWarden } from "../helpers/process.ts";

const tempDir = () => mkdtempSync(join(tmpdir(), "warden-restore-"));

/** A migrated Warden database file with one marker row in the audit log. */
async function wardenDatabase(file: string, marker: string): Promise<void> {
  const database = await openDatabase({ url: `file:${file}` });
  await migrate(database.client, readMigrations());
  await recordAudit(database.db, { actor: systemActor("test"), action: marker, resourceType: "test" });
  // Everything into the file itself (as a backup is), no -wal left beside it.
  await database.client.execute("PRAGMA journal_mode = DELETE");
  database.close();
}

async function markers(file: string): Promise<string[]> {
  const client = createClient({ url: `file:${file}` });
  const rows = await client.execute(
    "SELECT action FROM audit_log WHERE resource_type = 'test' ORDER BY action",
  );
  client.close();
  return rows.rows.map((r) => String(r.action));
}

describe("warden restore (real processes)", () => {
  test("backup → restore into an empty data dir → the server starts with the same data", async () => {
    const server = await startWarden();
    let backup: string;
    try {
      const headers = await setupAdmin(server);
      const created = await fetch(`${server.url}/api/v1/users`, {
        method: "POST",
        headers,
        body: JSON.stringify({
          email: "kept@example.test",
          username: "kept",
          password: "kept-password-123",
          role: "analyst",
        }),
      });
      expect(created.status).toBe(201);
      backup = join(server.cwd, "snap.db");
      expect(runWarden(["backup", backup], { cwd: server.cwd }).code).toBe(0);
    } finally {
      expect(await server.stop()).toBe(0);
    }

    const cwd = tempDir();
    const restored = runWarden(["restore", backup, "--data-dir", "fresh"], { cwd });
    expect(restored.stderr).toBe("");
    expect(restored.code).toBe(0);
    expect(restored.stdout).toContain(`restored ${backup} to ${join(cwd, "fresh/warden.db")}`);
    expect(restored.stdout).not.toContain("kept as");

    const again = await startWarden({ cwd, args: ["--data-dir", "fresh"] });
    try {
      expect((await fetch(`${again.url}/readyz`)).status).toBe(200);
      const login = await fetch(`${again.url}/api/v1/auth/login`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ login: "kept", password: "kept-password-123" }),
      });
      expect(login.status).toBe(200);
    } finally {
      expect(await again.stop()).toBe(0);
    }
    const audit = createClient({ url: `file:${join(cwd, "fresh/warden.db")}` });
    const rows = await audit.execute("SELECT action FROM audit_log WHERE action = 'database.restore'");
    audit.close();
    expect(rows.rows.length).toBe(1);
  }, 60_000);

  test("a restore while a server uses the database is refused and changes nothing", async () => {
    const server = await startWarden();
    try {
      await setupAdmin(server);
      const live = join(server.cwd, "data/warden.db");
      const before = statSync(live).ino;
      const backup = join(tempDir(), "other.db");
      await wardenDatabase(backup, "from-backup");
      const result = runWarden(["restore", backup], { cwd: server.cwd });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain("is in use by another process");
      expect(statSync(live).ino).toBe(before);
      expect(readdirSync(join(server.cwd, "data")).filter((f) => f.includes("restore"))).toEqual([]);
      expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    } finally {
      expect(await server.stop()).toBe(0);
    }
  }, 60_000);
});

describe("restoreDatabase", () => {
  const known = readMigrations();

  test("replaces a stopped database and keeps the one it replaced", async () => {
    const dir = tempDir();
    const target = join(dir, "warden.db");
    await wardenDatabase(target, "old");
    const backup = join(dir, "backup.db");
    await wardenDatabase(backup, "new");
    const backupBytes = readFileSync(backup);
    // As a restore run by root into a service user's data directory.
    chownSync(target, 4321, 4321);
    const result = await restoreDatabase(backup, target, known);
    expect(statSync(target)).toMatchObject({ uid: 4321, gid: 4321 });
    expect(await markers(target)).toEqual(["new"]);
    expect(result.previous).toMatch(/warden\.db\.before-restore-\d{8}T\d{6}Z$/);
    expect(await markers(result.previous as string)).toEqual(["old"]);
    expect(readFileSync(backup).equals(backupBytes)).toBe(true);
  });

  const refusals: [string, (file: string) => Promise<void>, RegExp][] = [
    [
      "a file that is not SQLite",
      async (f) => writeFileSync(f, "not a database at all ".repeat(400)),
      /not a (readable )?SQLite database/,
    ],
    [
      "a SQLite file with damaged pages",
      async (f) => {
        await wardenDatabase(f, "damaged");
        const bytes = readFileSync(f);
        bytes.fill(0xa5, 4096 * 3, 4096 * 6);
        writeFileSync(f, bytes);
      },
      /integrity check|malformed|not a (readable )?SQLite database/,
    ],
    [
      "a SQLite database that is not Warden's",
      async (f) => {
        const client = createClient({ url: `file:${f}` });
        await client.execute("CREATE TABLE t (x)");
        client.close();
      },
      /not a Warden database/,
    ],
    [
      "a database with a newer schema",
      async (f) => {
        await wardenDatabase(f, "newer");
        const client = createClient({ url: `file:${f}` });
        await client.execute("INSERT INTO __warden_migrations VALUES ('9999_from_the_future', 'x', 0)");
        client.close();
      },
      /newer than this Warden binary/,
    ],
  ];
  for (const [name, make, message] of refusals) {
    test(`refuses ${name}; the database stays as it was`, async () => {
      const dir = tempDir();
      const target = join(dir, "warden.db");
      await wardenDatabase(target, "kept");
      const bytes = readFileSync(target);
      const backup = join(dir, "bad.db");
      await make(backup);
      const error = await restoreDatabase(backup, target, known).catch((e) => e);
      expect(error).toBeInstanceOf(RestoreError);
      expect((error as Error).message).toMatch(message);
      expect(readFileSync(target).equals(bytes)).toBe(true);
      expect(readdirSync(dir).sort()).toEqual(["bad.db", "warden.db"]);
    });
  }

  test("a restore is refused while another process holds the database open in WAL mode", async () => {
    const dir = tempDir();
    const target = join(dir, "warden.db");
    await wardenDatabase(target, "live");
    const backup = join(dir, "backup.db");
    copyFileSync(target, backup);
    // As the server runs it: in WAL mode, where every open connection is visible to others.
    const wal = createClient({ url: `file:${target}` });
    await wal.execute("PRAGMA journal_mode = WAL");
    wal.close();
    const holder = Bun.spawn(["bun", join(import.meta.dir, "../helpers/lock-holder.ts"), target], {
      stdin: "pipe",
      stdout: "pipe",
    });
    const reader = holder.stdout.getReader();
    await reader.read();
    try {
      await expect(restoreDatabase(backup, target, known)).rejects.toThrow(/in use by another process/);
    } finally {
      holder.stdin.write("\n");
      await holder.exited;
    }
  });
});
