import { and, asc, eq, gte, inArray, or, type SQL, type SQLWrapper, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/client.ts";
import type { Tx } from "../../db/transaction.ts";
import type { Actor } from "../../kit/actor.ts";
import { type Changes, type RequestFacts, recordAudit } from "../../kit/audit.ts";
import { linksChange } from "../../kit/record-changes.ts";
import { versionField } from "../../kit/record-versioning.ts";
import { techniqueIdsField } from "../../lib/technique-ids.ts";
import { attackTechniques } from "./attack-schema.ts";
import { attackIdsOf, resolveTechniques } from "./catalog.ts";
import { type TechniqueLinkKind, techniqueLinks } from "./links-schema.ts";

/*
 * Records naming ATT&CK techniques. The SOC and incidents modules call these with their own
 * record's id after checking it exists and the caller may change it; this file owns the link
 * table and its rules (techniques must be in the catalog; a revoked one may stay linked).
 */

/**
 * The body of `PUT …/{id}/techniques`: the whole set of techniques the record names, and
 * optionally the record's version read (without it the set replaces the one named now).
 */
export const techniqueSetSchema = z.object({
  techniques: techniqueIdsField,
  version: versionField().describe(
    "The record's version read (or send it as If-Match); a stale one is refused with 409. Without it the set replaces the one named now.",
  ),
});

/** The answer of a `PUT …/{id}/techniques`: the set before and after, by ATT&CK id, and the record's version now. */
export const techniqueSetAnswer = z.object({
  before: z.array(z.string()),
  after: z.array(z.string()),
  changed: z.boolean(),
  version: z.number().int().describe("The record's version now (one more when the set changed)"),
});

/** The techniques a record names, as its API answer shows them. */
export const namedTechniquesSchema = z
  .array(z.object({ attackId: z.string(), name: z.string(), revoked: z.boolean() }))
  .describe("The ATT&CK techniques it names, by ATT&CK id (set them with PUT …/techniques)");

/** A technique as a record shows it. */
export type NamedTechnique = z.infer<typeof namedTechniquesSchema>[number];

/** The techniques a record names, by ATT&CK id. */
export async function techniquesOf(
  db: Pick<Db, "select">,
  kind: TechniqueLinkKind,
  recordId: string,
): Promise<NamedTechnique[]> {
  return (await techniquesByRecord(db, kind, [recordId])).get(recordId) ?? [];
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

/** Techniques asked for by ATT&CK id: their STIX ids (422 naming unknown ones) and their ATT&CK ids as stored. */
export async function techniquesAsked(db: Pick<Db, "select">, attackIds: readonly string[]) {
  const ids = await resolveTechniques(db, attackIds);
  return { ids, attackIds: await attackIdsOf(db, ids) };
}

/**
 * An edit of the techniques a record names, for the record kit's update: `change` resolves
 * `attackIds` (none asked: no change) into the audited `techniques` change; `write`, in the
 * edit's transaction, then makes the record name exactly those (links gone removed, new ones
 * added at `at`) when they changed.
 */
export function techniquesEdit(
  db: Pick<Db, "select">,
  link: { kind: TechniqueLinkKind; recordId: string },
  attackIds: readonly string[] | undefined,
) {
  let ids: string[] = [];
  return {
    async change(): Promise<Changes> {
      if (!attackIds) return {};
      const asked = await techniquesAsked(db, attackIds);
      ids = asked.ids;
      const was = (await techniquesOf(db, link.kind, link.recordId)).map((t) => t.attackId).sort();
      return linksChange("techniques", was, asked.attackIds);
    },
    async write(tx: Tx, changes: Changes, at: number) {
      if (!changes.techniques) return;
      const where = and(eq(techniqueLinks.kind, link.kind), eq(techniqueLinks.recordId, link.recordId));
      const stored = await tx.select({ id: techniqueLinks.techniqueId }).from(techniqueLinks).where(where);
      const gone = stored.map((s) => s.id).filter((s) => !ids.includes(s));
      if (gone.length > 0)
        await tx.delete(techniqueLinks).where(and(where, inArray(techniqueLinks.techniqueId, gone)));
      await addTechniqueLinks(tx, { ...link, at }, ids);
    },
  };
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
export type TechniqueSetChange = Omit<z.infer<typeof techniqueSetAnswer>, "version">;

/**
 * Replaces the techniques a record names with `attackIds` (422 naming unknown ids, checked
 * before anything is written), in one transaction with its audit entry
 * (`<kind>.techniques`) and `record`, the owning record's own write (its version). Naming
 * the same set again writes nothing.
 */
export async function setTechniqueLinks(
  db: Db,
  link: { kind: TechniqueLinkKind; recordId: string; at: number },
  attackIds: readonly string[],
  actor: Actor,
  request?: RequestFacts,
  record?: (tx: Tx) => Promise<void>,
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
    await record?.(tx);
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
      action: `${link.kind}.techniques`,
      resourceType: link.kind,
      resourceId: link.recordId,
      changes: { techniques: { before, after } },
      request,
    });
    return { before, after, changed: true };
  });
}

/** The records (alerts, incidents, threats) naming any of the techniques `techniqueIds` (STIX ids), newest first. */
export async function recordsNaming(db: Pick<Db, "select">, techniqueIds: readonly string[]) {
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

/** How many live alerts and incidents named something. */
export interface SightingCounts {
  alerts: number;
  incidents: number;
}

/**
 * How many live alerts and incidents named each technique since `since` (Unix ms), by its STIX
 * id (`techniques`), and each matrix cell, by the cell's technique (`cells`: a sub-technique
 * counts on its parent, each record once however many of its techniques it names); a
 * deleted record's links stay (a restore brings them back) but do not count.
 * One scan of the period's links; the counts are made here, where a record naming a
 * technique and its sub-technique is easily counted once on the cell.
 */
export async function sightingsSince(db: Pick<Db, "select">, since: number, live: LiveRecords) {
  const rows = await db
    .select({
      techniqueId: techniqueLinks.techniqueId,
      cellId: sql<string>`coalesce(${attackTechniques.parentId}, ${techniqueLinks.techniqueId})`,
      kind: techniqueLinks.kind,
      recordId: techniqueLinks.recordId,
    })
    .from(techniqueLinks)
    .innerJoin(attackTechniques, eq(attackTechniques.id, techniqueLinks.techniqueId))
    .where(
      and(
        gte(techniqueLinks.at, since),
        or(
          and(eq(techniqueLinks.kind, "alert"), live.alert(techniqueLinks.recordId)),
          and(eq(techniqueLinks.kind, "incident"), live.incident(techniqueLinks.recordId)),
        ),
      ),
    );
  const techniques = new Map<string, SightingCounts>();
  const cellRecords = new Map<string, Set<string>>();
  const cells = new Map<string, SightingCounts>();
  for (const row of rows) {
    const field = row.kind === "alert" ? "alerts" : "incidents";
    const own = techniques.get(row.techniqueId) ?? { alerts: 0, incidents: 0 };
    own[field]++;
    techniques.set(row.techniqueId, own);
    const seen = cellRecords.get(row.cellId) ?? new Set<string>();
    const key = `${row.kind}:${row.recordId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    cellRecords.set(row.cellId, seen);
    const cell = cells.get(row.cellId) ?? { alerts: 0, incidents: 0 };
    cell[field]++;
    cells.set(row.cellId, cell);
  }
  return { techniques, cells };
}
