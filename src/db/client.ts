import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import type { Client, Config } from "@libsql/client";
import { createClient as createEmbeddedClient } from "@libsql/client/sqlite3";
import type { LibSQLDatabase } from "drizzle-orm/libsql";
import { drizzle } from "drizzle-orm/libsql/sqlite3";
import * as schema from "./schema/index.ts";
import { renewAfter, SerialWriter, serialisedClient, TransactionAwaitedOutsideWork } from "./writer.ts";

/** The drizzle database with Warden's schema. */
export type Db = LibSQLDatabase<typeof schema>;

/**
 * An open database: the libSQL client (for pragmas, migrations, backups) and drizzle over it,
 * both writing through `writer`, the process's one serialising writer.
 */
export type Database = Awaited<ReturnType<typeof openDatabase>>;

/** Connection settings, a subset of `config.database`. */
export interface DatabaseOptions {
  url: string;
  authToken?: string | null;
  busyTimeoutMs?: number;
}

/** The file of an embedded database URL (`file:PATH[?…]`); null for memory or a libSQL server. */
export function embeddedFile(url: string): string | null {
  if (!url.startsWith("file:")) return null;
  const path = url.slice("file:".length).split("?")[0] as string;
  return path === ":memory:" ? null : path;
}

/**
 * Opens the database. For an embedded file it creates the directory and switches the
 * file to WAL (a property of the file, so once is enough). `busy_timeout` is passed as
 * the client's `timeout`, which libSQL applies to every pooled connection, and libSQL
 * opens every connection with `foreign_keys=ON`; both are verified here so a build of
 * libSQL with other defaults fails loudly instead of silently skipping constraints.
 */
export async function openDatabase(options: DatabaseOptions) {
  /** True for an embedded file database (pragmas and VACUUM INTO apply). */
  const isFile = options.url.startsWith("file:");
  const file = embeddedFile(options.url);
  if (file) mkdirSync(dirname(file), { recursive: true });
  const writer = new SerialWriter();
  const config = {
    url: options.url,
    authToken: options.authToken ?? undefined,
    timeout: options.busyTimeoutMs ?? 5000,
  };
  const client = serialisedClient(connect(isFile, config), writer);
  if (isFile) {
    await client.execute("PRAGMA journal_mode = WAL");
    const fk = await client.execute("PRAGMA foreign_keys");
    if (Number(fk.rows[0]?.[0]) !== 1) throw new Error("libSQL opened the database without foreign_keys=ON");
  }
  const db = drizzle(client, { schema });
  db.transaction = serialTransaction(db.transaction.bind(db), writer, isFile, client);
  return { client, db, writer, isFile, file, close: () => client.close() };
}

/**
 * The libSQL client for `config.url`. An embedded file needs only the SQLite client; the clients
 * of a libSQL server (the Hrana protocol over WebSocket or HTTP, ~40 modules) are loaded only
 * for one, so a server on an embedded file never builds them.
 */
function connect(isFile: boolean, config: Config): Client {
  if (isFile) return createEmbeddedClient(config);
  const { createClient } = require("@libsql/client") as typeof import("@libsql/client");
  return createClient(config);
}

/**
 * drizzle's `transaction` run under the writer's lock (BEGIN IMMEDIATE, see writer.ts). With
 * the embedded driver every statement completes within the current turn of the event loop, so
 * a body that lets a turn pass (a timer fires) awaited something other than the database
 * while holding the lock: it is rolled back with `TransactionAwaitedOutsideWork`. A libSQL
 * server's statements are network round trips, so the check applies to embedded files only.
 * A failure that says the database is unavailable renews the connections (see writer.ts).
 */
function serialTransaction(
  transaction: Db["transaction"],
  writer: SerialWriter,
  embedded: boolean,
  client: Client,
): Db["transaction"] {
  const renew = (error: unknown) => Promise.reject(renewAfter(client, error));
  return (body, config) =>
    writer.exclusive(() => {
      if (!embedded) return transaction(body, config).catch(renew);
      let turnPassed = false;
      const watch = setImmediate(() => {
        turnPassed = true;
      });
      return transaction(async (tx) => {
        const result = await body(tx);
        if (turnPassed)
          throw new TransactionAwaitedOutsideWork(
            "a transaction body awaited work other than the database; it was rolled back",
          );
        return result;
      }, config)
        .catch(renew)
        .finally(() => clearImmediate(watch));
    });
}
