import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { type Client, createClient } from "@libsql/client";
import { drizzle, type LibSQLDatabase } from "drizzle-orm/libsql";
import * as schema from "./schema/index.ts";

/** The drizzle database with Warden's schema. */
export type Db = LibSQLDatabase<typeof schema>;

/** An open database: the raw libSQL client (for pragmas, migrations, backups) and drizzle over it. */
export interface Database {
  client: Client;
  db: Db;
  /** True for an embedded file database (pragmas and VACUUM INTO apply). */
  isFile: boolean;
  close(): void;
}

/** Connection settings, a subset of `config.database`. */
export interface DatabaseOptions {
  url: string;
  authToken?: string | null;
  busyTimeoutMs?: number;
}

/**
 * Opens the database. For an embedded file it creates the directory and switches the
 * file to WAL (a property of the file, so once is enough). `busy_timeout` is passed as
 * the client's `timeout`, which libSQL applies to every pooled connection, and libSQL
 * opens every connection with `foreign_keys=ON`; both are verified here so a build of
 * libSQL with other defaults fails loudly instead of silently skipping constraints.
 */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const isFile = options.url.startsWith("file:");
  if (isFile) {
    const path = options.url.slice("file:".length).split("?")[0] as string;
    if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  }
  const client = createClient({
    url: options.url,
    authToken: options.authToken ?? undefined,
    timeout: options.busyTimeoutMs ?? 5000,
  });
  if (isFile) {
    await client.execute("PRAGMA journal_mode = WAL");
    const fk = await client.execute("PRAGMA foreign_keys");
    if (Number(fk.rows[0]?.[0]) !== 1) throw new Error("libSQL opened the database without foreign_keys=ON");
  }
  return { client, db: drizzle(client, { schema }), isFile, close: () => client.close() };
}
