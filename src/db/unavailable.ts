/**
 * libSQL/SQLite result codes that say the database cannot take the work right now (locked,
 * full, read-only, an I/O error, a server that does not answer) rather than that the work is
 * wrong. Such a failure is retried by background writers and answered 503 with
 * `Retry-After` to clients; nothing already stored is lost.
 */
const UNAVAILABLE = new Set([
  "SQLITE_BUSY",
  "SQLITE_LOCKED",
  "SQLITE_FULL",
  "SQLITE_READONLY",
  "SQLITE_IOERR",
  "SQLITE_CANTOPEN",
  "SQLITE_PROTOCOL",
  "SQLITE_NOMEM",
  "CLIENT_CLOSED",
  "HRANA_WEBSOCKET_ERROR",
  "SERVER_ERROR",
]);

/** Seconds a client is told to wait before trying again when the database is unavailable. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/**
 * The unavailability code of `error` or of any error in its `cause` chain (drizzle wraps the
 * driver's error), or null when the error is of another kind. Extended codes
 * (`SQLITE_IOERR_WRITE`, `SQLITE_READONLY_DBMOVED`) count as their primary code.
 */
export function databaseUnavailableCode(error: unknown): string | null {
  for (let e = error, depth = 0; e instanceof Error && depth < 8; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code !== "string") continue;
    const primary = code.match(/^SQLITE_[A-Z]+/)?.[0] ?? code;
    if (UNAVAILABLE.has(primary)) return primary;
  }
  return null;
}
