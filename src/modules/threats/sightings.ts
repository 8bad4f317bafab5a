import type { Db } from "../../db/client.ts";
import { incidentSummaries } from "../incidents/techniques.ts";
import { riskSummaries } from "../risks/risk-queries.ts";
import { alertSummaries } from "../soc/alert-techniques.ts";
import { vulnerabilitySummaries } from "../vulnerabilities/queries.ts";
import { recordsNaming } from "./technique-links.ts";
import { threatSummaries } from "./threat-queries.ts";

/** The records naming a technique, as its page lists them (newest first, deleted ones left out). */
export type TechniqueSightings = Awaited<ReturnType<typeof techniqueSightings>>;

/**
 * The alerts, incidents, threats, risks and vulnerabilities naming a technique or one of its sub-techniques (as the
 * matrix folds them), the newest `limit` of each kind.
 */
export async function techniqueSightings(
  db: Db,
  technique: { id: string; subtechniques: { id: string }[] },
  limit = 200,
) {
  const links = await recordsNaming(db, [technique.id, ...technique.subtechniques.map((s) => s.id)]);
  // A record naming a technique and its sub-technique is listed once.
  const ids = (kind: string) =>
    [...new Set(links.filter((l) => l.kind === kind).map((l) => l.recordId))].slice(0, limit);
  const order = new Map<string, number>();
  links.forEach((l, i) => {
    if (!order.has(l.recordId)) order.set(l.recordId, i);
  });
  const byLink = <T extends { id: string }>(rows: T[]) =>
    rows.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
  return {
    alerts: byLink(await alertSummaries(db, ids("alert"))),
    incidents: byLink(await incidentSummaries(db, ids("incident"))),
    threats: byLink(await threatSummaries(db, ids("threat"))),
    risks: byLink(await riskSummaries(db, ids("risk"))),
    vulnerabilities: byLink(await vulnerabilitySummaries(db, ids("vulnerability"))),
  };
}
