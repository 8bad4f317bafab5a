import { and, count, isNull, type SQL } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Db } from "../db/client.ts";
import type { GaugeSource } from "../lib/exposition.ts";
import { SEVERITIES } from "../lib/severity.ts";

/**
 * A `/metrics` gauge of a record kind's open records by severity (one GROUP BY over the
 * status index): every severity is listed, at 0 when none is open, so an alert on the
 * series never sees it vanish.
 */
export function openBySeverityGauge(
  db: Db,
  name: string,
  help: string,
  records: SQLiteTable & { severity: SQLiteColumn; deletedAt: SQLiteColumn },
  open: SQL,
): GaugeSource {
  return {
    name,
    help,
    async read() {
      const rows = await db
        .select({ severity: records.severity, n: count() })
        .from(records)
        .where(and(open, isNull(records.deletedAt)))
        .groupBy(records.severity);
      const counts = new Map(rows.map((row) => [String(row.severity), row.n]));
      return SEVERITIES.map((severity) => ({ labels: { severity }, value: counts.get(severity) ?? 0 }));
    },
  };
}
