import { and, desc, getTableColumns, gte, ne, or, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { recordsOnAssets } from "../../kit/linked-assets.ts";
import { incidentAssets } from "./links-schema.ts";
import { incidents } from "./schema.ts";
import type { IncidentSummary } from "./techniques.ts";

/** An incident concerning some of the assets asked about, with the ones of them it concerns. */
export type IncidentOnAssets = IncidentSummary & { assetIds: string[] };

/**
 * The incidents (not deleted) concerning any of `assetIds` that were detected since `since`
 * (Unix ms) or are not closed yet, each once with the ones of `assetIds` it concerns, newest
 * first. One query through the asset index of the links.
 */
export async function incidentsOnAssets(
  db: Pick<Db, "select">,
  assetIds: readonly string[],
  since: number,
): Promise<IncidentOnAssets[]> {
  const { id, title, severity, status, detectedAt } = getTableColumns(incidents);
  const { assetId, incidentId } = getTableColumns(incidentAssets);
  const links = { table: incidentAssets, assetId, recordId: incidentId };
  return recordsOnAssets<IncidentSummary>(db, assetIds, links, {
    table: incidents,
    fields: { id, title, severity, status, detectedAt },
    where: and(
      // Unary + keeps this term off the list index (SQLite's documented way): the few links
      // of the assets are the way in, not every incident.
      sql`+${incidents.deletedAt} is null`,
      or(gte(incidents.detectedAt, since), ne(incidents.status, "closed")),
    ),
    orderBy: [desc(incidents.detectedAt), incidents.id],
  });
}
