import type { z } from "zod";
import type { Db } from "../../db/client.ts";
import { liveChoices, liveSummaries, type RecordReader } from "../../kit/record-lookup.ts";
import { definePeopleQueries, personOf } from "../../kit/record-queries.ts";
import type { threatSchema } from "./api-schemas.ts";
import { THREAT_KIND } from "./kind.ts";
import { type Threat, threatOrder, threats } from "./schema.ts";
import { techniquesByRecord } from "./technique-links.ts";

/** A threat as the API and pages show it. */
export type ThreatView = z.infer<typeof threatSchema>;

async function toViews(
  { db }: { db: RecordReader },
  rows: { threat: Threat; creatorName: string | null }[],
): Promise<ThreatView[]> {
  const techniques = await techniquesByRecord(
    db,
    "threat",
    rows.map((r) => r.threat.id),
  );
  return rows.map(({ threat: { createdBy, ...rest }, creatorName }) => ({
    ...rest,
    createdBy: personOf(createdBy, creatorName),
    techniques: techniques.get(rest.id) ?? [],
  }));
}

/** Threats as the record kit reads them: filters, sort, the creator's name and the techniques. */
export const threatQueries = definePeopleQueries({
  table: threats,
  kind: THREAT_KIND,
  people: { creator: threats.createdBy },
  sort: threatOrder(threats),
  toViews,
  text: [threats.name, threats.description],
  equal: { category: threats.category },
});

/**
 * A page of threats, filtered and sorted, by number or keyset cursor, and one threat (every
 * role); threat `id` as shown (404 when unknown or deleted, unless `includeDeleted`).
 */
export const { list: listThreats, get: getThreat, findView: findThreatView } = threatQueries;

/** The live threats among `ids` (id and name), for a technique's page and a risk's links. */
export async function threatSummaries(db: Pick<Db, "select">, ids: readonly string[]) {
  return liveSummaries(db, threats, { id: threats.id, name: threats.name }, ids);
}

/** The live threats a picker offers (id and name), by name. */
export function threatChoices(db: Pick<Db, "select">): Promise<{ id: string; name: string }[]> {
  return liveChoices(db, threats, threats.name);
}
