import { openDatabase } from "../db/client.ts";
import { ensureAttackCatalog } from "../modules/threats/shipped-catalog.ts";

import { ATTACK_IMPORT_COMMAND, selfCommand } from "./internal-commands.ts";

/**
 * `warden internal-attack-import <database url> <busy timeout ms>`: imports the shipped ATT&CK
 * catalog into an empty catalog of that embedded database, then exits. Not a user command:
 * `serve` runs it in a child process at a first start.
 */
export async function attackImportCommand(args: string[]): Promise<void> {
  const [url = "", busyTimeoutMs] = args;
  const database = await openDatabase({ url, busyTimeoutMs: Number(busyTimeoutMs) });
  try {
    await ensureAttackCatalog({ db: database.db });
  } finally {
    database.close();
  }
}

/**
 * Runs the first start's ATT&CK import in a child process of this binary: parsing and writing
 * the catalog (2 MiB of STIX, ~10 MiB of objects and statements) would otherwise leave ~9 MiB
 * with the server's allocators for as long as it runs. Throws with the child's error output
 * when it fails.
 */
export async function importAttackCatalogApart(url: string, busyTimeoutMs: number): Promise<void> {
  // The child reads its embedded files where this binary does (it is this binary).
  const child = Bun.spawn(selfCommand(ATTACK_IMPORT_COMMAND, url, String(busyTimeoutMs)), {
    stdin: "ignore",
    stdout: "ignore",
    stderr: "pipe",
  });
  const [code, stderr] = await Promise.all([child.exited, new Response(child.stderr).text()]);
  if (code !== 0) throw new Error(`the ATT&CK catalog import exited with ${code}: ${stderr.trim()}`);
}
