import { existsSync } from "node:fs";
import { resolve } from "node:path";
import type { Database } from "../../db/client.ts";
import { systemActor } from "../../kit/actor.ts";
import { recordAudit } from "../../kit/audit.ts";

/** A backup cannot be made (remote database, target exists …); the message says why. */
export class BackupError extends Error {
  override name = "BackupError";
}

/**
 * Writes a consistent snapshot of the embedded database to `target` with
 * `VACUUM INTO`, which reads one transaction's view of the database, so it is safe
 * while the server keeps writing. Refuses to overwrite an existing file. Audited.
 */
export async function backupDatabase(
  database: Database,
  target: string,
): Promise<{ path: string; bytes: number }> {
  if (!database.isFile)
    throw new BackupError(
      "backups of a libSQL server are taken on that server; this command copies embedded databases only",
    );
  const path = resolve(target);
  if (existsSync(path)) throw new BackupError(`${path} already exists; choose a new file name`);
  await database.client.execute({ sql: "VACUUM INTO ?", args: [path] });
  await recordAudit(database.db, {
    actor: systemActor("cli"),
    action: "database.backup",
    resourceType: "database",
    changes: { file: { before: null, after: path } },
  });
  return { path, bytes: Bun.file(path).size };
}
