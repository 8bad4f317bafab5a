import { and, asc, eq, inArray, or, type SQL, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "../../db/client.ts";
import type { Actor } from "../../kit/actor.ts";
import { assertCan } from "../../kit/rbac.ts";
import { NotFound, Validation } from "../../lib/errors.ts";
import type { techniqueDetailSchema } from "./api-schemas.ts";
import {
  type AttackMitigation,
  type AttackTactic,
  type AttackTechnique,
  attackMitigates,
  attackMitigations,
  attackTactics,
  attackTechniques,
} from "./attack-schema.ts";

/** A technique with its parent, sub-techniques, the mitigations covering it and its ATT&CK page. */
export type TechniqueDetail = Omit<z.infer<typeof techniqueDetailSchema>, "namedBy">;

/** The ATT&CK page of an ATT&CK id. */
export function attackUrl(attackId: string): string {
  if (attackId.startsWith("TA")) return `https://attack.mitre.org/tactics/${attackId}/`;
  if (attackId.startsWith("M")) return `https://attack.mitre.org/mitigations/${attackId}/`;
  return `https://attack.mitre.org/techniques/${attackId.replace(".", "/")}/`;
}

/** The tactics, in matrix order. */
export async function listTactics(db: Db, actor: Actor): Promise<AttackTactic[]> {
  assertCan(actor, "read", "threats");
  return db.select().from(attackTactics).orderBy(asc(attackTactics.position));
}

/** The mitigations, by ATT&CK id. */
export async function listMitigations(db: Db, actor: Actor): Promise<AttackMitigation[]> {
  assertCan(actor, "read", "threats");
  return db.select().from(attackMitigations).orderBy(asc(attackMitigations.attackId));
}

/** Techniques by ATT&CK id, optionally of one tactic (its shortname) and matching `q` (id or name). */
export async function listTechniques(
  db: Db,
  actor: Actor,
  filter: { tactic?: string | undefined; q?: string | undefined },
): Promise<AttackTechnique[]> {
  assertCan(actor, "read", "threats");
  const where: SQL[] = [];
  if (filter.tactic)
    where.push(
      sql`exists (select 1 from json_each(${attackTechniques.tactics}) where value = ${filter.tactic})`,
    );
  if (filter.q) {
    const pattern = `%${filter.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    const match = or(
      sql`${attackTechniques.attackId} like ${pattern} escape '\\'`,
      sql`${attackTechniques.name} like ${pattern} escape '\\'`,
    );
    if (match) where.push(match);
  }
  return db
    .select()
    .from(attackTechniques)
    .where(and(...where))
    .orderBy(asc(attackTechniques.attackId));
}

/** One technique by ATT&CK id (`T1059.001`) with its parent, sub-techniques and mitigations; 404 if unknown. */
export async function getTechnique(db: Db, actor: Actor, attackId: string): Promise<TechniqueDetail> {
  assertCan(actor, "read", "threats");
  // A current technique before a revoked one of the same ATT&CK id.
  const [technique] = await db
    .select()
    .from(attackTechniques)
    .where(eq(attackTechniques.attackId, attackId))
    .orderBy(asc(attackTechniques.revoked))
    .limit(1);
  if (!technique) throw new NotFound(`No ATT&CK technique ${attackId}.`);
  const ref = { id: attackTechniques.id, attackId: attackTechniques.attackId, name: attackTechniques.name };
  const [parent] = technique.parentId
    ? await db.select(ref).from(attackTechniques).where(eq(attackTechniques.id, technique.parentId))
    : [];
  const subtechniques = await db
    .select({ ...ref, revoked: attackTechniques.revoked })
    .from(attackTechniques)
    .where(eq(attackTechniques.parentId, technique.id))
    .orderBy(asc(attackTechniques.attackId));
  const mitigations = await db
    .select({ id: attackMitigations.id, attackId: attackMitigations.attackId, name: attackMitigations.name })
    .from(attackMitigates)
    .innerJoin(attackMitigations, eq(attackMitigations.id, attackMitigates.mitigationId))
    .where(eq(attackMitigates.techniqueId, technique.id))
    .orderBy(asc(attackMitigations.attackId));
  return {
    ...technique,
    parent: parent ?? null,
    subtechniques,
    mitigations,
    url: attackUrl(technique.attackId),
  };
}

/** ATT&CK ids as typed, upper-cased and without repeats. */
function normalIds(attackIds: readonly string[]): string[] {
  return [...new Set(attackIds.map((id) => id.trim().toUpperCase()))];
}

/**
 * The ATT&CK ids among `attackIds` that the catalog holds, sorted: for callers that must
 * not fail on an id it lacks (a rule from the configuration raising its alert).
 */
export async function knownTechniques(
  db: Pick<Db, "select">,
  attackIds: readonly string[],
): Promise<string[]> {
  const wanted = normalIds(attackIds);
  if (wanted.length === 0) return [];
  const rows = await db
    .select({ attackId: attackTechniques.attackId })
    .from(attackTechniques)
    .where(inArray(attackTechniques.attackId, wanted));
  return [...new Set(rows.map((r) => r.attackId))].sort();
}

/**
 * The STIX ids of the techniques `attackIds` name, in their order and without repeats; any
 * id not in the catalog is a 422 on `field` naming them all. Revoked techniques may be named.
 */
export async function resolveTechniques(
  db: Pick<Db, "select">,
  attackIds: readonly string[],
  field = "techniques",
): Promise<string[]> {
  const wanted = normalIds(attackIds);
  if (wanted.length === 0) return [];
  const rows = await db
    .select({
      id: attackTechniques.id,
      attackId: attackTechniques.attackId,
      revoked: attackTechniques.revoked,
    })
    .from(attackTechniques)
    .where(inArray(attackTechniques.attackId, wanted))
    .orderBy(asc(attackTechniques.revoked));
  const byAttackId = new Map<string, string>();
  for (const row of rows) if (!byAttackId.has(row.attackId)) byAttackId.set(row.attackId, row.id);
  const unknown = wanted.filter((id) => !byAttackId.has(id));
  if (unknown.length > 0)
    throw new Validation({
      [field]:
        unknown.length > 1
          ? `Unknown ATT&CK techniques: ${unknown.join(", ")}.`
          : `Unknown ATT&CK technique: ${unknown.join(", ")}.`,
    });
  return wanted.map((id) => byAttackId.get(id) as string);
}

/** The ATT&CK ids a set of STIX technique ids stands for (for answers), sorted. */
export async function attackIdsOf(db: Pick<Db, "select">, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({ attackId: attackTechniques.attackId })
    .from(attackTechniques)
    .where(inArray(attackTechniques.id, [...ids]));
  return rows.map((r) => r.attackId).sort();
}
