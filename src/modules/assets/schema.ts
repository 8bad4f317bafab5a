import { sql } from "drizzle-orm";
import {
  check,
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
import { requiredRef, versionedColumns } from "../../kit/table-columns.ts";
import { rankOf } from "../../lib/list-query.ts";

/** Kinds of assets the CMDB knows. */
export const ASSET_TYPES = [
  "server",
  "workstation",
  "network",
  "application",
  "database",
  "cloud",
  "iot",
  "other",
] as const;

/** How much the business depends on an asset, most to least (the severity words and colours). */
export const CRITICALITIES = ["critical", "high", "medium", "low"] as const;

/** An asset's criticality. */
export type Criticality = (typeof CRITICALITIES)[number];

/** Where an asset is in its life, in order. */
export const ASSET_STATUSES = ["planned", "active", "maintenance", "retired"] as const;

/** An asset's lifecycle status. */
export type AssetStatus = (typeof ASSET_STATUSES)[number];

/** The `managed_by` of the asset Warden registers for the host it runs on. */
export const MANAGED_BY_WARDEN = "warden";

/**
 * What each sort key of the asset list orders by (criticality ranked so "-criticality" reads
 * "most critical first"): one definition for its queries and its indexes.
 */
export function assetOrder(
  t: Record<
    "name" | "assetType" | "criticality" | "status" | "hostname" | "createdAt" | "updatedAt",
    SQLiteColumn
  >,
) {
  return {
    name: sql`${t.name} collate nocase`,
    assetType: t.assetType,
    criticality: rankOf(t.criticality, [...CRITICALITIES].reverse()),
    status: rankOf(t.status, ASSET_STATUSES),
    hostname: t.hostname,
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
  };
}

/**
 * The configuration items of the CMDB: servers, applications, network gear … The owner is
 * either a user (`owner_user_id`) or a free-text name (`owner_text`), never both.
 * `ip_addresses` and `tags` are JSON arrays of strings. `version` grows by one on every
 * edit (optimistic concurrency, as incidents). Deleting is a real DELETE (the audit log
 * keeps what was removed); an asset others depend on cannot be deleted.
 *
 * `managed_by` marks a record kept current by a program (`warden`: the host Warden runs
 * on, registered at start); `managed_key` tells such records apart (the machine id), so
 * several Warden hosts can share one database.
 */
export const assets = recordKindTable(
  "assets",
  {
    base: versionedColumns(),
    sort: assetOrder,
    defaultSort: "name",
    filters: ["assetType", "criticality", "status"],
    // Without soft delete no sort index starts with an equality, so SQLite narrows by a
    // filter first: each filter gets each order (assets change rarely).
    pairedSorts: ["assetType", "criticality", "status", "hostname", "createdAt", "updatedAt"],
  },
  {
    name: text("name").notNull(),
    assetType: text("asset_type", { enum: ASSET_TYPES }).notNull(),
    criticality: text("criticality", { enum: CRITICALITIES }).notNull().default("medium"),
    status: text("status", { enum: ASSET_STATUSES }).notNull().default("active"),
    ownerUserId: text("owner_user_id").references(() => users.id),
    ownerText: text("owner_text"),
    hostname: text("hostname").notNull().default(""),
    ipAddresses: text("ip_addresses", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
    os: text("os").notNull().default(""),
    location: text("location").notNull().default(""),
    tags: text("tags", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
    description: text("description").notNull().default(""),
    managedBy: text("managed_by"),
    managedKey: text("managed_key"),
  },
  (t) => [
    index("assets_name_idx").on(t.name),
    index("assets_owner_idx").on(t.ownerUserId),
    uniqueIndex("assets_managed_idx").on(t.managedBy, t.managedKey),
    check("assets_one_owner", sql`${t.ownerUserId} IS NULL OR ${t.ownerText} IS NULL`),
  ],
);

/** An asset row. */
export type Asset = typeof assets.$inferSelect;

/**
 * "Asset depends on asset": `asset_id` needs `depends_on_id` to work. Each pair once, never
 * an asset on itself; cycles are refused by the service (a check needs the whole graph).
 */
export const assetRelations = sqliteTable(
  "asset_relations",
  {
    assetId: requiredRef("asset_id", () => assets.id),
    dependsOnId: requiredRef("depends_on_id", () => assets.id),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.assetId, t.dependsOnId] }),
    index("asset_relations_depends_on_idx").on(t.dependsOnId),
    check("asset_relations_not_self", sql`${t.assetId} <> ${t.dependsOnId}`),
  ],
);
