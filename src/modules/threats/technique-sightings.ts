import { and, eq, gte, inArray, or, type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { type AttackTechnique, attackTechniques } from "./attack-schema.ts";
import { techniqueLinks } from "./links-schema.ts";
import type { LiveRecords, SightingCounts } from "./technique-links.ts";

/** A technique and how many live alerts and incidents named it (or a sub-technique) in a period. */
export type TechniqueSeen = Pick<AttackTechnique, "id" | "attackId" | "name"> & SightingCounts;

/**
 * How many live alerts and incidents named each of `techniqueIds` (STIX ids) or one of its
 * sub-techniques since `since` (Unix ms), as the matrix folds them; a record naming a
 * technique and its sub-technique counts once. Only techniques seen at least once are
 * answered, most seen first. Two queries: the techniques' family in the catalog, then
 * their links by the technique index.
 */
export async function techniquesSeenSince(
  db: Pick<Db, "select">,
  techniqueIds: readonly string[],
  since: number,
  live: LiveRecords,
): Promise<TechniqueSeen[]> {
  if (techniqueIds.length === 0) return [];
  const ids = [...techniqueIds];
  // The linked techniques and their sub-techniques: the catalog is small, its rows few.
  const family = await db
    .select({
      id: attackTechniques.id,
      attackId: attackTechniques.attackId,
      name: attackTechniques.name,
      parentId: attackTechniques.parentId,
    })
    .from(attackTechniques)
    .where(or(inArray(attackTechniques.id, ids), inArray(attackTechniques.parentId, ids)));
  const linked = new Set(ids);
  const names = family.filter((t) => linked.has(t.id));
  if (names.length === 0) return [];
  const named = sql<string>`case when ${inArray(attackTechniques.id, ids)} then ${attackTechniques.id} else ${attackTechniques.parentId} end`;
  const distinct = (kind: "alert" | "incident", alive: SQL) =>
    sql<number>`count(distinct case when ${techniqueLinks.kind} = ${kind} and ${alive} then ${techniqueLinks.recordId} end)`;
  const counts = await db
    .select({
      id: named,
      alerts: distinct("alert", live.alert(techniqueLinks.recordId)),
      incidents: distinct("incident", live.incident(techniqueLinks.recordId)),
    })
    .from(techniqueLinks)
    .innerJoin(attackTechniques, eq(attackTechniques.id, techniqueLinks.techniqueId))
    .where(
      and(
        inArray(
          techniqueLinks.techniqueId,
          family.map((t) => t.id),
        ),
        gte(techniqueLinks.at, since),
        inArray(techniqueLinks.kind, ["alert", "incident"]),
      ),
    )
    .groupBy(named);
  const seen = counts.filter((c) => Number(c.alerts) + Number(c.incidents) > 0);
  const byId = new Map(names.map(({ id, attackId, name }) => [id, { id, attackId, name }]));
  return seen
    .flatMap((c) => {
      const technique = byId.get(c.id);
      return technique ? [{ ...technique, alerts: Number(c.alerts), incidents: Number(c.incidents) }] : [];
    })
    .sort(
      (a, b) => b.alerts + b.incidents - (a.alerts + a.incidents) || a.attackId.localeCompare(b.attackId),
    );
}
