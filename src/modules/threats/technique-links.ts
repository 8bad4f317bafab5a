import { and, asc, eq, gte, inArray, type SQL, type SQLWrapper, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/client.ts";
import type { Tx } from "../../db/transaction.ts";
import type { Actor } from "../../kit/actor.ts";
import { type RequestFacts, recordAudit } from "../../kit/audit.ts";
import { attackTechniques } from "./attack-schema.ts";
import { resolveTechniques } from "./catalog.ts";
import { type TechniqueLinkKind, techniqueLinks } from "./links-schema.ts";

/*
 * Records naming ATT&CK techniques. The SOC and incidents modules call these with their own
 * record's id after checking it exists and the caller may change it; this file owns the link
 * table and its rules (techniques must be in the catalog; a revoked one may stay linked).
 */

/** The most techniques one record names. */
export const MAX_TECHNIQUES = 50;

/** A list of ATT&CK technique ids as the API takes it (`["T1059.001"]`). */
export const techniqueIdsField = z
  .array(z.string().trim().min(1).max(20, "An ATT&CK id is at most 20 characters."))
  .max(MAX_TECHNIQUES, `Name at most ${MAX_TECHNIQUES} techniques.`)
  .describe("ATT&CK technique ids (T1059, T1059.001); unknown ids are a 422 naming them");

/** The body of `PUT …/{id}/techniques`: the whole set of techniques the record names. */
export const techniqueSetSchema = z.object({ techniques: techniqueIdsField });

/** The answer of a `PUT …/{id}/techniques`: the set before and after, by ATT&CK id. */
export const techniqueSetAnswer = z.object({
  before: z.array(z.string()),
  after: z.array(z.string()),
  changed: z.boolean(),
});

/** A technique as a record shows it. */
export interface NamedTechnique {
  attackId: string;
  name: string;
  revoked: boolean;
}

/** The techniques a record names, by ATT&CK id. */
export async function techniquesOf(
  db: Pick<Db, "select">,
  kind: TechniqueLinkKind,
  recordId: string,
): Promise<NamedTechnique[]> {
  return db
    .select({
      attackId: attackTechniques.attackId,
      name: attackTechniques.name,
      revoked: attackTechniques.revoked,
    })
    .from(techniqueLinks)
    .innerJoin(attackTechniques, eq(attackTechniques.id, techniqueLinks.techniqueId))
    .where(and(eq(techniqueLinks.kind, kind), eq(techniqueLinks.recordId, recordId)))
    .orderBy(asc(attackTechniques.attackId));
}

/** The techniques each of `recordIds` (records of `kind`) names, by record id, by ATT&CK id. */
export async function techniquesByRecord(
  db: Pick<Db, "select">,
  kind: TechniqueLinkKind,
  recordIds: readonly string[],
): Promise<Map<string, NamedTechnique[]>> {
  const byRecord = new Map<string, NamedTechnique[]>();
  if (recordIds.length === 0) return byRecord;
  const rows = await db
    .select({
      recordId: techniqueLinks.recordId,
      attackId: attackTechniques.attackId,
      name: attackTechniques.name,
      revoked: attackTechniques.revoked,
    })
    .from(techniqueLinks)
    .innerJoin(attackTechniques, eq(attackTechniques.id, techniqueLinks.techniqueId))
    .where(and(eq(techniqueLinks.kind, kind), inArray(techniqueLinks.recordId, [...recordIds])))
    .orderBy(asc(attackTechniques.attackId));
  for (const { recordId, ...technique } of rows)
    byRecord.set(recordId, [...(byRecord.get(recordId) ?? []), technique]);
  return byRecord;
}

/**
 * Makes a record name exactly `techniqueIds` (STIX ids, resolved before), with `tx`, the
 * transaction of the record's change (which audits it): links gone are removed, new ones added.
 */
export async function replaceTechniqueLinks(
  tx: Tx,
  link: { kind: TechniqueLinkKind; recordId: string; at: number },
  techniqueIds: readonly string[],
): Promise<void> {
  const where = and(eq(techniqueLinks.kind, link.kind), eq(techniqueLinks.recordId, link.recordId));
  const stored = await tx.select({ id: techniqueLinks.techniqueId }).from(techniqueLinks).where(where);
  const gone = stored.map((s) => s.id).filter((s) => !techniqueIds.includes(s));
  if (gone.length > 0)
    await tx.delete(techniqueLinks).where(and(where, inArray(techniqueLinks.techniqueId, gone)));
  await addTechniqueLinks(tx, link, techniqueIds);
}

/** Adds links from a record to techniques (STIX ids), with `tx`; existing links stay as they are. */
export async function addTechniqueLinks(
  tx: Tx,
  link: { kind: TechniqueLinkKind; recordId: string; at: number },
  techniqueIds: readonly string[],
): Promise<void> {
  if (techniqueIds.length === 0) return;
  await tx
    .insert(techniqueLinks)
    .values(techniqueIds.map((techniqueId) => ({ ...link, techniqueId })))
    .onConflictDoNothing();
}

/** What a record named before and after a change, by ATT&CK id. */
export interface TechniqueSetChange {
  before: string[];
  after: string[];
  changed: boolean;
}

/**
 * Replaces the techniques a record names with `attackIds` (422 naming unknown ids, checked
 * before anything is written), in one transaction with its audit entry
 * (`<resourceType>.techniques`). Naming the same set again writes nothing.
 */
export async function setTechniqueLinks(
  db: Db,
  link: { kind: TechniqueLinkKind; recordId: string; at: number; resourceType: string },
  attackIds: readonly string[],
  actor: Actor,
  request?: RequestFacts,
): Promise<TechniqueSetChange> {
  const ids = await resolveTechniques(db, attackIds);
  return db.transaction(async (tx) => {
    const where = and(eq(techniqueLinks.kind, link.kind), eq(techniqueLinks.recordId, link.recordId));
    const stored = await tx
      .select({ id: techniqueLinks.techniqueId, attackId: attackTechniques.attackId })
      .from(techniqueLinks)
      .innerJoin(attackTechniques, eq(attackTechniques.id, techniqueLinks.techniqueId))
      .where(where);
    const before = stored.map((s) => s.attackId).sort();
    const keep = new Set(ids);
    const gone = stored.filter((s) => !keep.has(s.id)).map((s) => s.id);
    const had = new Set(stored.map((s) => s.id));
    const added = ids.filter((id) => !had.has(id));
    if (gone.length === 0 && added.length === 0) return { before, after: before, changed: false };
    if (gone.length > 0)
      await tx.delete(techniqueLinks).where(and(where, inArray(techniqueLinks.techniqueId, gone)));
    await addTechniqueLinks(tx, link, added);
    const rows = await tx
      .select({ attackId: attackTechniques.attackId })
      .from(techniqueLinks)
      .innerJoin(attackTechniques, eq(attackTechniques.id, techniqueLinks.techniqueId))
      .where(where);
    const after = rows.map((r) => r.attackId).sort();
    await recordAudit(tx, {
      actor,
      action: `${link.resourceType}.techniques`,
      resourceType: link.resourceType,
      resourceId: link.recordId,
      changes: { techniques: { before, after } },
      request,
    });
    return { before, after, changed: true };
  });
}

/** The records (alerts, incidents, threats) naming any of the techniques `techniqueIds` (STIX ids), newest first. */
export async function recordsNaming(
  db: Pick<Db, "select">,
  techniqueIds: readonly string[],
): Promise<{ kind: TechniqueLinkKind; recordId: string; at: number }[]> {
  return db
    .select({ kind: techniqueLinks.kind, recordId: techniqueLinks.recordId, at: techniqueLinks.at })
    .from(techniqueLinks)
    .where(inArray(techniqueLinks.techniqueId, [...techniqueIds]))
    .orderBy(sql`${techniqueLinks.at} desc`);
}

/**
 * Whether a linked record still counts: the owning module's condition on the link's record id
 * (not deleted), so this module never reads another's table.
 */
export interface LiveRecords {
  alert(recordId: SQLWrapper): SQL;
  incident(recordId: SQLWrapper): SQL;
}

/**
 * How many live alerts and incidents named each technique (STIX id) since `since` (Unix ms);
 * a deleted record's links stay (a restore brings them back) but do not count.
 */
export async function sightingsSince(
  db: Pick<Db, "select">,
  since: number,
  live: LiveRecords,
): Promise<Map<string, { alerts: number; incidents: number }>> {
  const rows = await db
    .select({
      techniqueId: techniqueLinks.techniqueId,
      alerts: sql<number>`sum(${techniqueLinks.kind} = 'alert' and ${live.alert(techniqueLinks.recordId)})`,
      incidents: sql<number>`sum(${techniqueLinks.kind} = 'incident' and ${live.incident(techniqueLinks.recordId)})`,
    })
    .from(techniqueLinks)
    .where(and(gte(techniqueLinks.at, since), inArray(techniqueLinks.kind, ["alert", "incident"])))
    .groupBy(techniqueLinks.techniqueId);
  return new Map(
    rows.map((r) => [r.techniqueId, { alerts: Number(r.alerts), incidents: Number(r.incidents) }]),
  );
}
