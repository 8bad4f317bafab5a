import { sql } from "drizzle-orm";
import { index, integer, primaryKey, type SQLiteColumn, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { users } from "../../db/schema/users.ts";
import { recordKindTable } from "../../kit/record-kind-table.ts";
import { requiredRef } from "../../kit/table-columns.ts";
import { rankOf } from "../../lib/list-query.ts";

/** Where a risk stands, in the order it usually goes. */
export const RISK_STATUSES = ["identified", "assessed", "treating", "monitored", "closed"] as const;

/** A risk's status. */
export type RiskStatus = (typeof RISK_STATUSES)[number];

/** What a risk is about. */
export const RISK_CATEGORIES = [
  "strategic",
  "operational",
  "technical",
  "compliance",
  "financial",
  "third_party",
  "people",
  "other",
] as const;

/** How a risk is treated; `accept` needs a manager's approval (risk_acceptances). */
export const RISK_TREATMENTS = ["mitigate", "accept", "avoid", "transfer"] as const;

/** A risk treatment. */
export type RiskTreatment = (typeof RISK_TREATMENTS)[number];

/** The periods the trend shows: the last 90 days, this calendar quarter, this calendar year. */
export const TREND_PERIODS = ["90d", "quarter", "year"] as const;

/** A trend period. */
export type TrendPeriod = (typeof TREND_PERIODS)[number];

/**
 * What each sort key of the risk list orders by (the score is the current one; risks without
 * a review date come last): one definition for its queries and its indexes.
 */
export function riskOrder(
  t: Record<
    "currentLikelihood" | "currentImpact" | "title" | "status" | "nextReviewAt" | "createdAt" | "updatedAt",
    SQLiteColumn
  >,
) {
  return {
    score: sql`${t.currentLikelihood} * ${t.currentImpact}`,
    title: sql`${t.title} collate nocase`,
    status: rankOf(t.status, RISK_STATUSES),
    nextReviewAt: [{ ascending: sql`${t.nextReviewAt} is null` }, t.nextReviewAt],
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
  };
}

/**
 * The risk register. Scores are likelihood × impact pairs of the configured matrix
 * (`risk.matrix`), stored as given; their levels are derived when read, so a config reload
 * re-rates every risk. Versioned and soft-deleted like every record. `review_notified_at`
 * remembers that the owner heard of the review now due (cleared when the date changes).
 */
export const risks = recordKindTable(
  "risks",
  { sort: riskOrder, defaultSort: "-score", filters: ["status", "category", "treatment", "ownerId"] },
  {
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    ownerId: requiredRef("owner_id", () => users.id),
    category: text("category", { enum: RISK_CATEGORIES }).notNull(),
    status: text("status", { enum: RISK_STATUSES }).notNull().default("identified"),
    inherentLikelihood: integer("inherent_likelihood").notNull(),
    inherentImpact: integer("inherent_impact").notNull(),
    currentLikelihood: integer("current_likelihood").notNull(),
    currentImpact: integer("current_impact").notNull(),
    residualLikelihood: integer("residual_likelihood").notNull(),
    residualImpact: integer("residual_impact").notNull(),
    treatment: text("treatment", { enum: RISK_TREATMENTS }),
    treatmentPlan: text("treatment_plan").notNull().default(""),
    treatmentDueAt: integer("treatment_due_at"),
    nextReviewAt: integer("next_review_at"),
    reviewNotifiedAt: integer("review_notified_at"),
    createdBy: text("created_by").references(() => users.id),
  },
  (t) => [index("risks_review_idx").on(t.nextReviewAt)],
);

/** A risk row. */
export type Risk = typeof risks.$inferSelect;

/** The records (of other modules) a risk can be linked to; ATT&CK techniques are `technique_links`. */
export const RISK_LINK_KINDS = ["asset", "vulnerability", "incident", "threat"] as const;

/** A kind of record a risk links to. */
export type RiskLinkKind = (typeof RISK_LINK_KINDS)[number];

/** A risk's links to assets, vulnerabilities, incidents and the organisation's own threats. */
export const riskLinks = sqliteTable(
  "risk_links",
  {
    riskId: requiredRef("risk_id", () => risks.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: RISK_LINK_KINDS }).notNull(),
    recordId: text("record_id").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.riskId, t.kind, t.recordId] }),
    index("risk_links_record_idx").on(t.kind, t.recordId),
  ],
);

/** Where an acceptance stands. */
export const ACCEPTANCE_STATUSES = ["pending", "approved", "rejected", "expired"] as const;

/**
 * Requests to accept a risk and their decisions (who asked, why, until when; who decided
 * and when). A risk has at most one pending or approved acceptance at a time; the others
 * are its history. `warned_at` remembers that the owner heard of the expiry coming.
 */
export const riskAcceptances = sqliteTable(
  "risk_acceptances",
  {
    id: text("id").primaryKey(),
    riskId: requiredRef("risk_id", () => risks.id, { onDelete: "cascade" }),
    status: text("status", { enum: ACCEPTANCE_STATUSES }).notNull().default("pending"),
    reason: text("reason").notNull(),
    expiresAt: integer("expires_at").notNull(),
    requestedBy: text("requested_by").references(() => users.id),
    requestedAt: integer("requested_at").notNull(),
    decidedBy: text("decided_by").references(() => users.id),
    decidedAt: integer("decided_at"),
    decisionNote: text("decision_note").notNull().default(""),
    warnedAt: integer("warned_at"),
  },
  (t) => [
    index("risk_acceptances_risk_idx").on(t.riskId, t.requestedAt),
    index("risk_acceptances_due_idx").on(t.status, t.expiresAt),
  ],
);

/** An acceptance row. */
export type RiskAcceptance = typeof riskAcceptances.$inferSelect;
