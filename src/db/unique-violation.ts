/**
 * True when `error` (or an error it wraps, as drizzle wraps the driver's) is SQLite
 * refusing a write that would break a UNIQUE constraint or index.
 */
export function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e instanceof Error; e = e.cause)
    if (/UNIQUE constraint failed/.test(e.message)) return true;
  return false;
}
