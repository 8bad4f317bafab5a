import { and, inArray, isNull, type SQL, type SQLWrapper, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import type { IncidentStatus } from "../../kit/incident-statuses.ts";
import type { Severity } from "../../lib/severity.ts";
import { recordTechniquesSetter } from "../threats/record-techniques.ts";
import { incidents } from "./schema.ts";

/** An incident as the threat catalog lists it under a technique. */
export interface IncidentSummary {
  id: string;
  title: string;
  severity: Severity;
  status: IncidentStatus;
  detectedAt: number;
}

/** True (as SQL) when the incident with id `id` exists and is not deleted: for counts over links. */
export function isLiveIncident(id: SQLWrapper): SQL {
  return sql`exists (select 1 from ${incidents} where ${incidents.id} = ${id} and ${incidents.deletedAt} is null)`;
}

/** The live (not deleted) incidents among `ids`, for pages listing what names a technique. */
export async function incidentSummaries(db: Db, ids: readonly string[]): Promise<IncidentSummary[]> {
  if (ids.length === 0) return [];
  return db
    .select({
      id: incidents.id,
      title: incidents.title,
      severity: incidents.severity,
      status: incidents.status,
      detectedAt: incidents.detectedAt,
    })
    .from(incidents)
    .where(and(inArray(incidents.id, [...ids]), isNull(incidents.deletedAt)));
}

/**
 * Replaces the ATT&CK techniques incident `recordId` names (analysts and up: `update` on
 * incidents); unknown ids are a 422 naming them; audited as `incident.techniques`.
 */
export const setIncidentTechniques = recordTechniquesSetter({
  kind: "incident",
  resource: "incidents",
  table: incidents,
  at: (row) => row.detectedAt,
});
