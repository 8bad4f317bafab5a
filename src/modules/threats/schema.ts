import { sql } from "drizzle-orm";
import { type SQLiteColumn, text } from "drizzle-orm/sqlite-core";
import { users } from "../../db/schema/users.ts";
import { recordKindTable } from "../../kit/record-kind-table.ts";
import { rankOf } from "../../lib/list-query.ts";

/** What kind of threat an organisation records. */
export const THREAT_CATEGORIES = [
  "adversary",
  "malware",
  "insider",
  "fraud",
  "physical",
  "supply_chain",
  "outage",
  "other",
] as const;

/** What each sort key of the threat list orders by: one definition for its queries and its indexes. */
export function threatOrder(t: Record<"name" | "category" | "createdAt" | "updatedAt", SQLiteColumn>) {
  return {
    name: sql`${t.name} collate nocase`,
    category: rankOf(t.category, THREAT_CATEGORIES),
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
  };
}

/**
 * The organisation's own threats, beside the ATT&CK catalog; the techniques they use are
 * `technique_links` of kind `threat`. Versioned and soft-deleted like every record.
 */
export const threats = recordKindTable(
  "threats",
  { sort: threatOrder, defaultSort: "name", filters: ["category"] },
  {
    name: text("name").notNull(),
    category: text("category", { enum: THREAT_CATEGORIES }).notNull(),
    description: text("description").notNull().default(""),
    createdBy: text("created_by").references(() => users.id),
  },
);

/** A threat row. */
export type Threat = typeof threats.$inferSelect;
