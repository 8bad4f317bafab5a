import { sql } from "drizzle-orm";
import {
  index,
  integer,
  primaryKey,
  type SQLiteColumn,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";
import { users } from "../../db/schema/users.ts";
import { recordKindTable } from "../../kit/record-kind-table.ts";
import { entryColumns, requiredRef } from "../../kit/table-columns.ts";
import { rankOf } from "../../lib/list-query.ts";
import { incidents } from "../incidents/schema.ts";
import { alerts } from "./alerts-schema.ts";

/** Where a case stands. */
export const CASE_STATUSES = ["open", "investigating", "closed"] as const;

/** A case's status. */
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** What each sort key of the case list orders by: one definition for its queries and its indexes. */
export function caseOrder(t: Record<"createdAt" | "updatedAt" | "status" | "title", SQLiteColumn>) {
  return {
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
    status: rankOf(t.status, CASE_STATUSES),
    title: sql`${t.title} collate nocase`,
  };
}

/**
 * SOC cases: related alerts grouped under one investigation, with an owner and notes.
 * `incident_id` is set once the case is escalated. `version`, `deleted_at` and the times
 * (Unix ms) work as for incidents.
 */
export const cases = recordKindTable(
  "cases",
  { sort: caseOrder, defaultSort: "-createdAt", filters: ["status", "ownerId"] },
  {
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    status: text("status", { enum: CASE_STATUSES }).notNull().default("open"),
    ownerId: text("owner_id").references(() => users.id),
    incidentId: text("incident_id").references(() => incidents.id),
    createdBy: text("created_by").references(() => users.id),
  },
);

/** A case row. */
export type Case = typeof cases.$inferSelect;

/** The alerts of a case. An alert is in at most one case (merging it elsewhere is refused). */
export const caseAlerts = sqliteTable(
  "case_alerts",
  {
    caseId: requiredRef("case_id", () => cases.id),
    alertId: requiredRef("alert_id", () => alerts.id),
    addedAt: integer("added_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.alertId] }), uniqueIndex("case_alerts_alert_idx").on(t.alertId)],
);

/** Notes on a case (markdown), oldest first; never edited. */
export const caseNotes = sqliteTable(
  "case_notes",
  {
    caseId: requiredRef("case_id", () => cases.id),
    ...entryColumns(),
    body: text("body").notNull(),
  },
  (t) => [index("case_notes_case_idx").on(t.caseId, t.at)],
);

/** A note on a case. */
export type CaseNote = typeof caseNotes.$inferSelect;
