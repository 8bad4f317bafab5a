import {
  chownSync,
  closeSync,
  copyFileSync,
  existsSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  renameSync,
  rmSync,
  statSync,
} from "node:fs";
import { dirname, resolve } from "node:path";
import { createClient } from "@libsql/client/sqlite3";
import { openDatabase } from "../../db/client.ts";
import {
  appliedMigrations,
  checkCompatible,
  type Migration,
  MigrationRefused,
  migrate,
} from "../../db/migrate.ts";
import { systemActor } from "../../kit/actor.ts";
import { recordAudit } from "../../kit/audit.ts";

/** A restore was refused (corrupt file, newer schema, database in use …); nothing was changed. */
export class RestoreError extends Error {
  override name = "RestoreError";
}

/** How long the in-use check waits for another connection's lock before it calls the file busy. */
const IN_USE_WAIT_MS = 250;

/**
 * Puts the backup `source` in place of the embedded database file `target`:
 * 1. copies it next to the target (the backup itself is never opened or changed);
 * 2. checks the copy: a SQLite file that passes `PRAGMA integrity_check`, a Warden database
 *    whose migrations this binary knows unchanged (a newer schema is refused), then applies the
 *    migrations it lacks and audits the restore in it;
 * 3. refuses when another process has `target` open (a running server; see `assertNotInUse`);
 * 4. keeps the replaced database as `<target>.before-restore-<time>` (a hard link) and renames
 *    the copy over `target` (atomic), so a failure at any step leaves `target` as it was.
 *
 * Answers the file now holding the restored data (`path`), where the one it replaced was kept
 * (`previous`, null when there was none) and the migrations applied to the backup (`migrated`).
 */
export async function restoreDatabase(source: string, target: string, known: Migration[]) {
  const from = resolve(source);
  if (!existsSync(from) || !statSync(from).isFile()) throw new RestoreError(`${from} is not a file`);
  mkdirSync(dirname(target), { recursive: true });
  const staged = `${target}.restore-${process.pid}`;
  removeDatabaseFiles(staged);
  copyFileSync(from, staged);
  try {
    const migrated = await prepare(staged, from, known);
    if (existsSync(target)) await assertNotInUse(target);
    takeOwnership(staged, existsSync(target) ? target : dirname(target));
    // The replaced database keeps a second name; the rename below then swaps `target` from the
    // old file to the new one in one step, so the path never misses a database.
    const previous = existsSync(target) ? `${target}.before-restore-${stamp()}` : null;
    if (previous) linkSync(target, previous);
    // The in-use check switched the old file out of WAL, so no -wal of it is left; clear any
    // stray one so SQLite can never replay it onto the restored file.
    for (const suffix of SIDE_FILES) rmSync(`${target}${suffix}`, { force: true });
    fsyncPath(staged);
    renameSync(staged, target);
    fsyncPath(dirname(target));
    return { path: target, previous, migrated };
  } finally {
    removeDatabaseFiles(staged);
  }
}

/** Checks the staged copy and brings it to this binary's schema; answers the migrations applied. */
async function prepare(staged: string, source: string, known: Migration[]): Promise<string[]> {
  const database = await openDatabase({ url: `file:${staged}` }).catch((error) => {
    throw new RestoreError(`${source} is not a SQLite database (${(error as Error).message})`);
  });
  try {
    const check = await database.client.execute("PRAGMA integrity_check").catch((error) => {
      throw new RestoreError(`${source} is not a readable SQLite database (${(error as Error).message})`);
    });
    const problems = check.rows.map((row) => String(row[0])).filter((line) => line !== "ok");
    if (problems.length > 0)
      throw new RestoreError(`${source} failed the integrity check: ${problems.slice(0, 3).join("; ")}`);
    const applied = await appliedMigrations(database.client);
    if (applied.length === 0)
      throw new RestoreError(`${source} is not a Warden database (no migrations recorded)`);
    try {
      checkCompatible(applied, known);
    } catch (error) {
      if (error instanceof MigrationRefused) throw new RestoreError(error.message);
      throw error;
    }
    const report = await migrate(database.client, known);
    await recordAudit(database.db, {
      actor: systemActor("cli"),
      action: "database.restore",
      resourceType: "database",
      changes: { file: { before: null, after: source } },
    });
    // Everything into the file itself before it is renamed: no -wal may be left behind.
    await database.client.execute("PRAGMA journal_mode = DELETE");
    return report.applied;
  } finally {
    database.close();
  }
}

/**
 * Refuses when another connection has the database open. A running server keeps its
 * connections open in WAL mode, which holds a shared lock on the file for as long as they
 * live; leaving WAL needs every other connection gone, so SQLite answers SQLITE_BUSY while
 * anyone else (a server, a backup under way) uses the file. When nobody does, the switch
 * checkpoints the WAL into the file and removes it.
 */
async function assertNotInUse(file: string): Promise<void> {
  const client = createClient({ url: `file:${file}`, timeout: IN_USE_WAIT_MS });
  try {
    const mode = await client.execute("PRAGMA journal_mode = DELETE");
    if (String(mode.rows[0]?.[0]) !== "delete") throw new Error("the journal mode did not change");
  } catch (error) {
    if (error instanceof RestoreError) throw error;
    throw new RestoreError(
      `${file} is in use by another process (is a Warden server running on this data directory?); stop it first. Nothing was changed.`,
    );
  } finally {
    client.close();
  }
}

/**
 * Gives the restored file the owner and group of the database it replaces (or of the data
 * directory), so a restore run as root leaves a file the service's user can still write.
 */
function takeOwnership(file: string, like: string): void {
  if (process.getuid?.() !== 0) return;
  const { uid, gid } = statSync(like);
  chownSync(file, uid, gid);
}

/** The files SQLite keeps beside a database. */
const SIDE_FILES = ["-wal", "-shm", "-journal"];

/** Removes a database file and the files SQLite keeps beside it, if any. */
function removeDatabaseFiles(file: string): void {
  for (const suffix of ["", ...SIDE_FILES]) rmSync(`${file}${suffix}`, { force: true });
}

/** Writes a file's data (or a directory's entries) to disk before the command reports success. */
function fsyncPath(path: string): void {
  const fd = openSync(path, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** A file-name-safe UTC time, e.g. 20261206T093000Z. */
function stamp(): string {
  return new Date().toISOString().replace(/[-:]/g, "").replace(/\.\d+/, "");
}
