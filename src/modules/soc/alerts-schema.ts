import { sql } from "drizzle-orm";
import { index, integer, type SQLiteColumn, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { users } from "../../db/schema/users.ts";
import { recordKindTable } from "../../kit/record-kind-table.ts";
import { historyColumns, requiredRef } from "../../kit/table-columns.ts";
import { rankOf } from "../../lib/list-query.ts";
import { SEVERITIES } from "../../lib/severity.ts";
import { incidents } from "../incidents/schema.ts";

/** Where an alert came from: an alert rule, an external system through the API, a network scan. */
export const ALERT_SOURCES = ["rule", "api", "scan"] as const;

/** Where an alert stands: the first three are open (a new raise of its dedup key counts on it), the others closed. */
export const ALERT_STATUSES = ["new", "acknowledged", "escalated", "closed", "false_positive"] as const;

/** An alert's status. */
export type AlertStatus = (typeof ALERT_STATUSES)[number];

/** The statuses in which an alert is open. */
export const OPEN_ALERT_STATUSES = [
  "new",
  "acknowledged",
  "escalated",
] as const satisfies readonly AlertStatus[];

/** What each sort key of the alert queue orders by: one definition for its queries and its indexes. */
export function alertOrder(
  t: Record<"lastSeen" | "firstSeen" | "severity" | "status" | "count" | "title", SQLiteColumn>,
) {
  return {
    lastSeen: t.lastSeen,
    firstSeen: t.firstSeen,
    severity: rankOf(t.severity, SEVERITIES),
    status: rankOf(t.status, ALERT_STATUSES),
    count: t.count,
    title: sql`${t.title} collate nocase`,
  };
}

/**
 * An open, live alert with a dedup key: the condition of the partial unique index that makes
 * one such alert per key, and the conflict target of the upsert that counts repeats. A fixed
 * SQL text (no parameters: SQLite matches an upsert's target against the index by its text);
 * the statuses are OPEN_ALERT_STATUSES.
 */
export const OPEN_ALERT_KEY = sql`dedup_key IS NOT NULL AND deleted_at IS NULL AND status IN ('new', 'acknowledged', 'escalated')`;

/**
 * SOC alerts: something a rule, a scan or an external system saw that an analyst should
 * look at. `dedup_key` names the condition: while an alert with that key is open, raising
 * it again bumps `count` and `last_seen` (and merges `context`) instead of adding a row —
 * the partial unique index makes that one atomic upsert, so concurrent raises never create
 * two. `context` is the JSON snapshot the source attached (top processes, listening ports
 * …). `incident_id` links an escalated alert to its incident. `version` guards the edits
 * people make (status, assignment, severity); a raise does not bump it, so a firing alert
 * does not make an analyst's acknowledgement stale. Times are Unix ms.
 */
export const alerts = recordKindTable(
  "alerts",
  {
    sort: alertOrder,
    defaultSort: "-lastSeen",
    filters: ["status", "severity", "source", "host", "assignedTo"],
  },
  {
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    severity: text("severity", { enum: SEVERITIES }).notNull(),
    source: text("source", { enum: ALERT_SOURCES }).notNull(),
    status: text("status", { enum: ALERT_STATUSES }).notNull().default("new"),
    dedupKey: text("dedup_key"),
    host: text("host"),
    context: text("context", { mode: "json" }).$type<Record<string, unknown>>().notNull().default({}),
    count: integer("count").notNull().default(1),
    firstSeen: integer("first_seen").notNull(),
    lastSeen: integer("last_seen").notNull(),
    assignedTo: text("assigned_to").references(() => users.id),
    incidentId: text("incident_id").references(() => incidents.id),
    createdBy: text("created_by").references(() => users.id),
    closedAt: integer("closed_at"),
  },
  (t) => [
    index("alerts_incident_idx").on(t.incidentId),
    // Alerts by host, newest last raise: what a risk's evidence reads for its assets.
    index("alerts_host_idx").on(sql`lower(${t.host})`, t.deletedAt, t.lastSeen),
    uniqueIndex("alerts_open_key_idx").on(t.dedupKey).where(OPEN_ALERT_KEY),
  ],
);

/** An alert row. */
export type Alert = typeof alerts.$inferSelect;

/** Kinds of entries in an alert's history. */
export const ALERT_EVENT_KINDS = ["status", "assignment", "escalated", "case", "note"] as const;

/** What happened to an alert after it was raised: moves, assignments, escalation, notes. Never edited. */
export const alertEvents = sqliteTable(
  "alert_events",
  {
    alertId: requiredRef("alert_id", () => alerts.id),
    ...historyColumns(ALERT_EVENT_KINDS),
  },
  (t) => [index("alert_events_alert_idx").on(t.alertId, t.at)],
);

/** An entry of an alert's history. */
export type AlertEvent = typeof alertEvents.$inferSelect;
