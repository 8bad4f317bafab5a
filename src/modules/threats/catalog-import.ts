import { and, eq, sql } from "drizzle-orm";
import type { Tx } from "../../db/transaction.ts";
import type { Actor } from "../../kit/actor.ts";
import { type RequestFacts, recordAudit } from "../../kit/audit.ts";
import { assertCan } from "../../kit/rbac.ts";
import type { RecordEventDeps } from "../../kit/record-events.ts";
import { chunks } from "../../lib/chunks.ts";
import { attackMitigates, attackMitigations, attackTactics, attackTechniques } from "./attack-schema.ts";
import { type CatalogDiff, type CatalogWrites, diffCatalog } from "./catalog-diff.ts";
import { type ParsedCatalog, parseAttackBundle } from "./stix-bundle.ts";

/** Rows per insert statement (each row binds ~12 parameters). */
const CHUNK = 200;

/** Upserts every row of `writes` and replaces the changed `mitigates` pairs, with `tx`. */
async function writeCatalog(tx: Tx, writes: CatalogWrites): Promise<void> {
  const replace = (columns: string[]) =>
    Object.fromEntries(columns.map((c) => [c, sql`excluded.${sql.identifier(c)}`]));
  const common = ["attack_id", "name", "description", "revoked", "deprecated", "modified", "stix_version"];
  for (const rows of chunks(writes.tactics, CHUNK))
    await tx
      .insert(attackTactics)
      .values(rows)
      .onConflictDoUpdate({ target: attackTactics.id, set: replace([...common, "shortname", "position"]) });
  // Parents first: a sub-technique names its parent.
  for (const rows of chunks(writes.techniques, CHUNK))
    await tx
      .insert(attackTechniques)
      .values(rows)
      .onConflictDoUpdate({
        target: attackTechniques.id,
        set: replace([...common, "tactics", "platforms", "is_subtechnique", "parent_id"]),
      });
  for (const rows of chunks(writes.mitigations, CHUNK))
    await tx
      .insert(attackMitigations)
      .values(rows)
      .onConflictDoUpdate({ target: attackMitigations.id, set: replace(common) });
  for (const [mitigationId, techniqueId] of writes.removeMitigates)
    await tx
      .delete(attackMitigates)
      .where(
        and(eq(attackMitigates.mitigationId, mitigationId), eq(attackMitigates.techniqueId, techniqueId)),
      );
  for (const rows of chunks(writes.addMitigates, CHUNK))
    await tx
      .insert(attackMitigates)
      .values(rows.map(([mitigationId, techniqueId]) => ({ mitigationId, techniqueId })))
      .onConflictDoNothing();
}

/** The audit entry's summary of an applied diff: counts, not the thousands of ids. */
function summary(diff: CatalogDiff) {
  const counts = (c: CatalogDiff["tactics"]) => ({
    new: c.new.length,
    changed: c.changed.length,
    revoked: c.revoked.length,
  });
  return {
    tactics: counts(diff.tactics),
    techniques: counts(diff.techniques),
    mitigations: counts(diff.mitigations),
    mitigates: diff.mitigates,
    skipped: diff.skipped,
  };
}

/**
 * Reads the STIX bundle `body` and what importing it would change (admins: `control` on
 * threats); nothing is written. The catalog read is what {@link applyParsedCatalog} takes.
 */
export async function previewAttackImport(deps: RecordEventDeps, actor: Actor, body: unknown) {
  assertCan(actor, "control", "threats");
  const catalog = parseAttackBundle(body);
  return { catalog, diff: (await diffCatalog(deps.db, catalog)).diff };
}

/**
 * Imports an already parsed bundle (admins: `control` on threats): the diff is read and written in one transaction through
 * the writer, with its audit entry (`attack.import`); a bundle that changes nothing writes
 * nothing. Techniques and mitigations are never deleted: a revoked one stays, flagged, with its links.
 */
export async function applyParsedCatalog(
  deps: RecordEventDeps,
  actor: Actor,
  parsed: ParsedCatalog,
  request?: RequestFacts,
): Promise<CatalogDiff> {
  assertCan(actor, "control", "threats");
  const diff = await deps.db.transaction(async (tx) => {
    const { diff, writes } = await diffCatalog(tx, parsed);
    if (diff.empty) return diff;
    await writeCatalog(tx, writes);
    await recordAudit(tx, {
      actor,
      action: "attack.import",
      resourceType: "attack",
      resourceId: null,
      changes: { catalog: { before: null, after: summary(diff) } },
      request,
    });
    return diff;
  });
  if (!diff.empty) deps.bus?.publish("threats", "attack.imported", summary(diff));
  return diff;
}
