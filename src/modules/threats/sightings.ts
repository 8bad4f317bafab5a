import type { Db } from "../../db/client.ts";
import { type IncidentSummary, incidentSummaries } from "../incidents/techniques.ts";
import { type AlertSummary, alertSummaries } from "../soc/alert-techniques.ts";
import { recordsNaming } from "./technique-links.ts";
import { threatSummaries } from "./threat-queries.ts";

/** The records naming a technique, as its page lists them (newest first, deleted ones left out). */
export interface TechniqueSightings {
  alerts: AlertSummary[];
  incidents: IncidentSummary[];
  threats: { id: string; name: string }[];
}

/** The alerts, incidents and threats naming technique `techniqueId` (STIX id), the newest `limit` of each kind. */
export async function techniqueSightings(
  db: Db,
  techniqueId: string,
  limit = 200,
): Promise<TechniqueSightings> {
  const links = await recordsNaming(db, techniqueId);
  const ids = (kind: string) =>
    links
      .filter((l) => l.kind === kind)
      .slice(0, limit)
      .map((l) => l.recordId);
  const order = new Map(links.map((l, i) => [l.recordId, i]));
  const byLink = <T extends { id: string }>(rows: T[]) =>
    rows.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
  return {
    alerts: byLink(await alertSummaries(db, ids("alert"))),
    incidents: byLink(await incidentSummaries(db, ids("incident"))),
    threats: byLink(await threatSummaries(db, ids("threat"))),
  };
}
