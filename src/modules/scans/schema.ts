import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { users } from "../../db/schema/users.ts";

const ENDS = ["completed", "cancelled", "failed", "interrupted"] as const;

/** Where a scan is in its life: waiting its turn, running, or one of the ends. */
export const SCAN_STATUSES = ["queued", "running", ...ENDS] as const;

/** A scan status. */
export type ScanStatus = (typeof SCAN_STATUSES)[number];

/** Statuses a scan no longer leaves. */
export const FINISHED_SCAN_STATUSES: readonly ScanStatus[] = ENDS;

/** The origin of a scan run by the host Warden itself runs on (the hosts module's `local`). */
export const LOCAL_SCAN_ORIGIN = "local";

/**
 * Network scans: who asked for what, from which host, with which options, and the counts
 * found. Open ports are in `scan_ports`, hosts that answered in `scan_hosts`; closed and
 * filtered ports are only counted.
 */
export const scans = sqliteTable(
  "scans",
  {
    id: text("id").primaryKey(),
    target: text("target").notNull(),
    /**
     * The host the scan ran from: {@link LOCAL_SCAN_ORIGIN}, or the id of an agent's host
     * (its agent ran it, within that agent's own `agent.scanTargets`). Diffs compare scans of
     * the same target from the same host.
     */
    hostId: text("host_id").notNull().default(LOCAL_SCAN_ORIGIN),
    ports: text("ports").notNull(),
    concurrency: integer("concurrency").notNull(),
    connectTimeoutMs: integer("connect_timeout_ms").notNull(),
    hostDiscovery: integer("host_discovery", { mode: "boolean" }).notNull(),
    status: text("status", { enum: SCAN_STATUSES }).notNull(),
    /** Who started it; null for a schedule's scan (then `scheduleId` says which). */
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    scheduleId: text("schedule_id"),
    createdAt: integer("created_at").notNull(),
    startedAt: integer("started_at"),
    finishedAt: integer("finished_at"),
    hostCount: integer("host_count").notNull().default(0),
    hostsUp: integer("hosts_up").notNull().default(0),
    portsTotal: integer("ports_total").notNull().default(0),
    portsDone: integer("ports_done").notNull().default(0),
    openCount: integer("open_count").notNull().default(0),
    closedCount: integer("closed_count").notNull().default(0),
    filteredCount: integer("filtered_count").notNull().default(0),
    /** Why a scan failed, in words safe to show. */
    error: text("error"),
  },
  (t) => [
    index("scans_created_idx").on(t.createdAt),
    index("scans_target_idx").on(t.target, t.hostId, t.createdAt),
  ],
);

/** A scan row. */
export type Scan = typeof scans.$inferSelect;
