import { sql } from "drizzle-orm";
import { index, integer, type SQLiteColumn, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { users } from "../../db/schema/users.ts";
import { INCIDENT_STATUSES } from "../../kit/incident-statuses.ts";
import { recordKindTable } from "../../kit/record-kind-table.ts";
import { historyColumns, requiredRef } from "../../kit/table-columns.ts";
import { rankOf } from "../../lib/list-query.ts";
import { SEVERITIES } from "../../lib/severity.ts";

type IncidentColumn = "createdAt" | "updatedAt" | "detectedAt" | "severity" | "status" | "title";

/**
 * What each sort key of the incident list orders by (severity and status by rank, the title
 * without case): one definition for the list's queries and the indexes that serve them.
 */
export function incidentOrder(t: Record<IncidentColumn, SQLiteColumn>) {
  return {
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
    detectedAt: t.detectedAt,
    // Most severe first when ascending reads "by severity".
    severity: rankOf(t.severity, SEVERITIES),
    status: rankOf(t.status, INCIDENT_STATUSES),
    title: sql`${t.title} collate nocase`,
  };
}

/**
 * Security incidents. `version` grows by one on every change (optimistic concurrency: a
 * write naming an older version is refused). `deleted_at` marks a soft delete, which an
 * admin can undo. Times are Unix ms; `triaged_at` and `closed_at` are set by the
 * workflow and give the derived durations.
 */
export const incidents = recordKindTable(
  "incidents",
  { sort: incidentOrder, defaultSort: "-createdAt", filters: ["status", "severity", "assignedTo"] },
  {
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    severity: text("severity", { enum: SEVERITIES }).notNull(),
    category: text("category").notNull().default(""),
    status: text("status", { enum: INCIDENT_STATUSES }).notNull().default("new"),
    createdBy: text("created_by").references(() => users.id),
    assignedTo: text("assigned_to").references(() => users.id),
    detectedAt: integer("detected_at").notNull(),
    triagedAt: integer("triaged_at"),
    resolvedAt: integer("resolved_at"),
  },
);

/** An incident row. */
export type Incident = typeof incidents.$inferSelect;

/** Kinds of timeline entries: comments people write and what the workflow records itself. */
export const TIMELINE_KINDS = [
  "created",
  "comment",
  "status",
  "assignment",
  "evidence",
  "link",
  "unlink",
  "alert",
] as const;

/**
 * The timeline of an incident: comments, and an automatic entry for every status and
 * assignment change. Entries are never edited.
 */
export const incidentEvents = sqliteTable(
  "incident_events",
  {
    incidentId: requiredRef("incident_id", () => incidents.id),
    ...historyColumns(TIMELINE_KINDS),
    /** An `alert` entry's snapshot: the alert's title, severity, host, count and context. */
    data: text("data", { mode: "json" }).$type<Record<string, unknown>>(),
  },
  (t) => [index("incident_events_incident_idx").on(t.incidentId, t.at)],
);

/** A timeline entry. */
export type IncidentEvent = typeof incidentEvents.$inferSelect;
