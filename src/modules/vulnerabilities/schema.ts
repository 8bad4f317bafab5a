import { sql } from "drizzle-orm";
import {
  index,
  integer,
  primaryKey,
  real,
  type SQLiteColumn,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";
import { users } from "../../db/schema/users.ts";
import { recordKindTable } from "../../kit/record-kind-table.ts";
import { requiredRef } from "../../kit/table-columns.ts";
import { rankOf } from "../../lib/list-query.ts";
import { SEVERITIES } from "../../lib/severity.ts";
import { assets } from "../assets/schema.ts";

/** Where a vulnerability stands: the first two are open, the other three closed. */
export const VULNERABILITY_STATUSES = [
  "open",
  "in_progress",
  "mitigated",
  "accepted",
  "false_positive",
] as const;

/** A vulnerability's status. */
export type VulnerabilityStatus = (typeof VULNERABILITY_STATUSES)[number];

/** The statuses in which a vulnerability still needs work (and can be overdue). */
export const OPEN_VULNERABILITY_STATUSES = [
  "open",
  "in_progress",
] as const satisfies readonly VulnerabilityStatus[];

/** The CVSS versions a vector may have. */
export const CVSS_VERSIONS = ["3.1", "4.0"] as const;

/**
 * Vulnerabilities (findings): a CVE or an internal finding on one or more assets.
 * `cvss_vector` is stored normalised with its `cvss_version` and base `cvss_score`; the
 * `severity` is derived from the score when there is a vector (CVSS "none" is stored as
 * informational) and chosen by hand otherwise. `due_at` is `discovered_at` plus the SLA
 * days of the severity at the time it was set (null for informational). A CVE id names at
 * most one vulnerability that is not deleted (partial unique index). `version`,
 * `deleted_at` and the times (Unix ms) work as for incidents; `resolved_at` is set when it
 * leaves the open statuses and cleared when it is reopened.
 */
/** Blank values last in either direction: `x is null` sorts the rows that have one first. */
const blanksLast = (column: SQLiteColumn) => [{ ascending: sql`${column} is null` }, column];

/** What each sort key of the vulnerability list orders by: one definition for its queries and its indexes. */
export function vulnerabilityOrder(
  t: Record<
    | "cvssScore"
    | "severity"
    | "dueAt"
    | "discoveredAt"
    | "status"
    | "title"
    | "cveId"
    | "createdAt"
    | "updatedAt",
    SQLiteColumn
  >,
) {
  return {
    score: blanksLast(t.cvssScore),
    // Most severe first when ascending reads "by severity", as for incidents.
    severity: rankOf(t.severity, SEVERITIES),
    dueAt: blanksLast(t.dueAt),
    discoveredAt: t.discoveredAt,
    status: rankOf(t.status, VULNERABILITY_STATUSES),
    title: sql`${t.title} collate nocase`,
    cveId: blanksLast(t.cveId),
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
  };
}

export const vulnerabilities = recordKindTable(
  "vulnerabilities",
  {
    sort: vulnerabilityOrder,
    // The list's default sort: severity by rank, then the nearest due date, blanks last.
    defaultSort: "severity,dueAt",
    filters: ["status", "severity", "assignedTo"],
    // Most severe first within a status or severity: SQLite narrows by the filter first.
    pairedSorts: ["severity"],
  },
  {
    cveId: text("cve_id"),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    cvssVector: text("cvss_vector"),
    cvssVersion: text("cvss_version", { enum: CVSS_VERSIONS }),
    cvssScore: real("cvss_score"),
    severity: text("severity", { enum: SEVERITIES }).notNull(),
    status: text("status", { enum: VULNERABILITY_STATUSES }).notNull().default("open"),
    discoveredAt: integer("discovered_at").notNull(),
    dueAt: integer("due_at"),
    resolvedAt: integer("resolved_at"),
    createdBy: text("created_by").references(() => users.id),
    assignedTo: text("assigned_to").references(() => users.id),
    /** When the people concerned were told it passed its due date (once per vulnerability). */
    overdueNotifiedAt: integer("overdue_notified_at"),
  },
  (t) => [
    index("vulnerabilities_due_idx").on(t.dueAt),
    uniqueIndex("vulnerabilities_cve_idx").on(t.cveId).where(sql`deleted_at IS NULL AND cve_id IS NOT NULL`),
  ],
);

/** A vulnerability row. */
export type Vulnerability = typeof vulnerabilities.$inferSelect;

/**
 * The assets a vulnerability affects. Deleting an asset (a real DELETE in the CMDB)
 * removes it from the vulnerabilities it was on.
 */
export const vulnerabilityAssets = sqliteTable(
  "vulnerability_assets",
  {
    vulnerabilityId: requiredRef("vulnerability_id", () => vulnerabilities.id, { onDelete: "cascade" }),
    assetId: requiredRef("asset_id", () => assets.id, { onDelete: "cascade" }),
  },
  (t) => [
    primaryKey({ columns: [t.vulnerabilityId, t.assetId] }),
    index("vulnerability_assets_asset_idx").on(t.assetId),
  ],
);
