import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { users } from "../../db/schema/users.ts";

/** Recurring scans: a cron expression and the scan to start each time it fires. */
export const scanSchedules = sqliteTable("scan_schedules", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  cron: text("cron").notNull(),
  enabled: integer("enabled", { mode: "boolean" }).notNull(),
  target: text("target").notNull(),
  ports: text("ports").notNull(),
  concurrency: integer("concurrency").notNull(),
  connectTimeoutMs: integer("connect_timeout_ms").notNull(),
  hostDiscovery: integer("host_discovery", { mode: "boolean" }).notNull(),
  createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
  createdAt: integer("created_at").notNull(),
  updatedAt: integer("updated_at").notNull(),
  lastRunAt: integer("last_run_at"),
  lastScanId: text("last_scan_id"),
});

/** A scan schedule row. */
export type ScanSchedule = typeof scanSchedules.$inferSelect;
