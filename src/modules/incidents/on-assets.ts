import { and, desc, eq, gte, inArray, isNull, ne, or } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import type { IncidentStatus } from "../../kit/incident-statuses.ts";
import type { Severity } from "../../lib/severity.ts";
import { incidentAssets } from "./links-schema.ts";
import { incidents } from "./schema.ts";

/** An incident concerning some of the assets asked about. */
export interface IncidentOnAssets {
  id: string;
  title: string;
  severity: Severity;
  status: IncidentStatus;
  detectedAt: number;
  /** The assets asked about that it concerns. */
  assetIds: string[];
}

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
  if (assetIds.length === 0) return [];
  const rows = await db
    .select({
      id: incidents.id,
      title: incidents.title,
      severity: incidents.severity,
      status: incidents.status,
      detectedAt: incidents.detectedAt,
      assetId: incidentAssets.assetId,
    })
    .from(incidentAssets)
    .innerJoin(incidents, eq(incidents.id, incidentAssets.incidentId))
    .where(
      and(
        inArray(incidentAssets.assetId, [...assetIds]),
        isNull(incidents.deletedAt),
        or(gte(incidents.detectedAt, since), ne(incidents.status, "closed")),
      ),
    )
    .orderBy(desc(incidents.detectedAt), incidents.id);
  const byId = new Map<string, IncidentOnAssets>();
  for (const { assetId, ...incident } of rows) {
    const found = byId.get(incident.id) ?? { ...incident, assetIds: [] };
    found.assetIds.push(assetId);
    byId.set(incident.id, found);
  }
  return [...byId.values()];
}
