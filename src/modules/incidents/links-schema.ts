import { index, integer, primaryKey, sqliteTable } from "drizzle-orm/sqlite-core";
import { requiredRef } from "../../kit/table-columns.ts";
import { assets } from "../assets/schema.ts";
import { vulnerabilities } from "../vulnerabilities/schema.ts";
import { incidents } from "./schema.ts";

/** Assets an incident concerns. Deleting an asset (a real delete) drops its links. */
export const incidentAssets = sqliteTable(
  "incident_assets",
  {
    incidentId: requiredRef("incident_id", () => incidents.id),
    assetId: requiredRef("asset_id", () => assets.id, { onDelete: "cascade" }),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.incidentId, t.assetId] }),
    // Incidents by asset: what a risk's evidence reads.
    index("incident_assets_asset_idx").on(t.assetId),
  ],
);

/** Vulnerabilities an incident concerns (soft-deleted ones keep their link and are not shown). */
export const incidentVulnerabilities = sqliteTable(
  "incident_vulnerabilities",
  {
    incidentId: requiredRef("incident_id", () => incidents.id),
    vulnerabilityId: requiredRef("vulnerability_id", () => vulnerabilities.id),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.incidentId, t.vulnerabilityId] })],
);
