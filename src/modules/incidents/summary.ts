import { eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { type Incident, incidents } from "./schema.ts";

/** An incident as another record names it: what it went to. */
export type IncidentSummary = Pick<Incident, "id" | "title" | "status">;

/** The incident `incidentId` (id, title, status), or null for none; for the records escalated to it. */
export async function incidentSummary(
  db: Pick<Db, "select">,
  incidentId: string | null,
): Promise<IncidentSummary | null> {
  if (!incidentId) return null;
  const [incident] = await db
    .select({ id: incidents.id, title: incidents.title, status: incidents.status })
    .from(incidents)
    .where(eq(incidents.id, incidentId));
  return incident ?? null;
}
