import { asc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/client.ts";
import type { Actor } from "../../kit/actor.ts";
import { assertCan } from "../../kit/rbac.ts";
import { isLiveIncident } from "../incidents/techniques.ts";
import { isLiveAlert } from "../soc/alert-techniques.ts";
import type { matrixSchema } from "./api-schemas.ts";
import { attackMitigates, attackMitigations, attackTactics, attackTechniques } from "./attack-schema.ts";
import { sightingsSince } from "./technique-links.ts";

/** The periods the matrix counts over, in days. */
export const MATRIX_PERIODS = ["7", "30", "90"] as const;

/** The matrix page's query: the period (days). */
export const matrixQuerySchema = z.object({
  days: z.enum(MATRIX_PERIODS, { error: "Choose 7, 30 or 90 days." }).default("30"),
});

/** The matrix: tactics in matrix order, each with its techniques (most seen first, then by id), as the API answers it. */
export type AttackMatrix = z.infer<typeof matrixSchema>;

/** One cell: a technique, how often alerts and incidents named it (with its sub-techniques), and what mitigates it. */
export type MatrixCell = AttackMatrix["columns"][number]["cells"][number];

/** How hot a cell is against the hottest (`max`): 0 (not seen) to 4 (among the most seen), by quarters of `max`. */
export function heatLevel(count: number, max: number): number {
  if (count <= 0 || max <= 0) return 0;
  return Math.min(4, Math.max(1, Math.ceil((count / max) * 4)));
}

/**
 * The ATT&CK matrix coloured by this organisation's alerts and incidents over the last
 * `days` days. Revoked and deprecated techniques are left out unless something named them.
 */
export async function attackMatrix(
  db: Db,
  actor: Actor,
  days: number,
  now = Date.now(),
): Promise<AttackMatrix> {
  assertCan(actor, "read", "threats");
  const since = now - days * 86_400_000;
  const tactics = await db.select().from(attackTactics).orderBy(asc(attackTactics.position));
  const techniques = await db
    .select({
      id: attackTechniques.id,
      attackId: attackTechniques.attackId,
      name: attackTechniques.name,
      tactics: attackTechniques.tactics,
      parentId: attackTechniques.parentId,
      retired: attackTechniques.revoked,
      deprecated: attackTechniques.deprecated,
    })
    .from(attackTechniques)
    .orderBy(asc(attackTechniques.attackId));
  const covers = await db
    .select({
      techniqueId: attackMitigates.techniqueId,
      attackId: attackMitigations.attackId,
      name: attackMitigations.name,
    })
    .from(attackMitigates)
    .innerJoin(attackMitigations, eq(attackMitigations.id, attackMitigates.mitigationId))
    .orderBy(asc(attackMitigations.attackId));
  // A record naming a technique and its sub-technique (or two of them) counts once on the cell.
  const { techniques: seen, cells: perCell } = await sightingsSince(db, since, {
    alert: isLiveAlert,
    incident: isLiveIncident,
  });

  const mitigationsOf = new Map<string, { attackId: string; name: string }[]>();
  for (const { techniqueId, ...mitigation } of covers)
    mitigationsOf.set(techniqueId, [...(mitigationsOf.get(techniqueId) ?? []), mitigation]);
  const own = (id: string) => seen.get(id) ?? { alerts: 0, incidents: 0 };
  const visible = (t: (typeof techniques)[number]) => (!t.retired && !t.deprecated) || seen.has(t.id);
  const subsOf = new Map<string, typeof techniques>();
  for (const t of techniques)
    if (t.parentId && visible(t)) subsOf.set(t.parentId, [...(subsOf.get(t.parentId) ?? []), t]);

  const cells = new Map<string, MatrixCell>();
  for (const t of techniques) {
    if (t.parentId || !visible(t)) continue;
    const { alerts, incidents } = perCell.get(t.id) ?? { alerts: 0, incidents: 0 };
    cells.set(t.id, {
      attackId: t.attackId,
      name: t.name,
      alerts,
      incidents,
      count: alerts + incidents,
      level: 0,
      mitigations: mitigationsOf.get(t.id) ?? [],
      subtechniques: (subsOf.get(t.id) ?? []).map((s) => {
        const { alerts, incidents } = own(s.id);
        return { attackId: s.attackId, name: s.name, count: alerts + incidents };
      }),
    });
  }
  const max = Math.max(0, ...[...cells.values()].map((c) => c.count));
  for (const cell of cells.values()) cell.level = heatLevel(cell.count, max);
  const columns = tactics.map((tactic) => ({
    attackId: tactic.attackId,
    shortname: tactic.shortname,
    name: tactic.name,
    cells: techniques
      .filter((t) => cells.has(t.id) && t.tactics.includes(tactic.shortname))
      .map((t) => cells.get(t.id) as MatrixCell)
      .sort((a, b) => b.count - a.count || a.attackId.localeCompare(b.attackId)),
  }));
  const sightings = [...seen.values()].reduce((sum, s) => sum + s.alerts + s.incidents, 0);
  return { days, since, columns, max, sightings };
}
