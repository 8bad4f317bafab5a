import { sql } from "drizzle-orm";
import { type SQLiteColumn, text } from "drizzle-orm/sqlite-core";
import { recordKindTable } from "../../kit/record-kind-table.ts";
import { rankOf } from "../../lib/list-query.ts";

/** Where a vendor stands: proposed while it is assessed, active while it serves, offboarded after. */
export const VENDOR_STATUSES = ["proposed", "active", "offboarded"] as const;

/** How much the organisation depends on a vendor. */
export const VENDOR_TIERS = ["low", "medium", "high", "critical"] as const;

/** The most sensitive data a vendor can reach. */
export const VENDOR_DATA = ["none", "internal", "confidential", "personal"] as const;

/** What each sort key of the vendor list orders by: one definition for its queries and its indexes. */
export function vendorOrder(t: Record<"name" | "tier" | "status" | "updatedAt", SQLiteColumn>) {
  return {
    name: sql`${t.name} collate nocase`,
    tier: rankOf(t.tier, VENDOR_TIERS),
    status: rankOf(t.status, VENDOR_STATUSES),
    updatedAt: t.updatedAt,
  };
}

/** The third parties the organisation depends on: versioned and soft-deleted like every record. */
export const vendors = recordKindTable(
  "vendors",
  { sort: vendorOrder, defaultSort: "name", filters: ["status", "tier"] },
  {
    name: text("name").notNull(),
    service: text("service").notNull().default(""),
    tier: text("tier", { enum: VENDOR_TIERS }).notNull(),
    dataAccess: text("data_access", { enum: VENDOR_DATA }).notNull(),
    contact: text("contact").notNull().default(""),
    status: text("status", { enum: VENDOR_STATUSES }).notNull().default("proposed"),
    description: text("description").notNull().default(""),
  },
);

/** A vendor row. */
export type Vendor = typeof vendors.$inferSelect;
