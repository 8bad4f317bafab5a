import { type SQL, type SQLWrapper, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { liveChoices, liveSummaries } from "../../kit/record-lookup.ts";
import { recordTechniquesSetter } from "../threats/record-techniques.ts";
import { type Incident, incidents } from "./schema.ts";

/** An incident as the threat catalog lists it under a technique. */
export type IncidentSummary = Pick<Incident, "id" | "title" | "severity" | "status" | "detectedAt">;

/** True (as SQL) when the incident with id `id` exists and is not deleted: for counts over links. */
export function isLiveIncident(id: SQLWrapper): SQL {
  return sql`exists (select 1 from ${incidents} where ${incidents.id} = ${id} and ${incidents.deletedAt} is null)`;
}

/** The live (not deleted) incidents among `ids`, for pages listing what names a technique or a risk. */
export async function incidentSummaries(
  db: Pick<Db, "select">,
  ids: readonly string[],
): Promise<IncidentSummary[]> {
  const { id, title, severity, status, detectedAt } = incidents;
  return liveSummaries(db, incidents, { id, title, severity, status, detectedAt }, ids);
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

/** The live incidents a picker offers (id and title), by title. */
export function incidentChoices(db: Pick<Db, "select">): Promise<{ id: string; name: string }[]> {
  return liveChoices(db, incidents, incidents.title);
}
