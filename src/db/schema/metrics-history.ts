import { integer, primaryKey, real, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** Columns shared by the rollup tables: one row per series and bucket (the hosts module adds a host). */
export const rollupColumns = () => ({
  series: text("series").notNull(),
  /** Start of the bucket, Unix ms (a whole minute or hour, UTC). */
  bucket: integer("bucket").notNull(),
  avg: real("avg").notNull(),
  min: real("min").notNull(),
  max: real("max").notNull(),
  /** Samples behind the row (weights the average when rolling up further). */
  count: integer("count").notNull(),
});

/** Per-minute rollups of the host metrics (kept `monitor.retention.minuteDays`). */
export const metricsMinute = sqliteTable("metrics_minute", rollupColumns(), (t) => [
  primaryKey({ columns: [t.series, t.bucket] }),
]);

/** Hourly rollups of the host metrics (kept `monitor.retention.hourDays`). */
export const metricsHour = sqliteTable("metrics_hour", rollupColumns(), (t) => [
  primaryKey({ columns: [t.series, t.bucket] }),
]);
