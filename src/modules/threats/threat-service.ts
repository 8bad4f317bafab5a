import { and, eq, inArray } from "drizzle-orm";
import type { Tx } from "../../db/transaction.ts";
import type { Actor } from "../../kit/actor.ts";
import type { RequestFacts } from "../../kit/audit.ts";
import { assertCan } from "../../kit/rbac.ts";
import { linksChange } from "../../kit/record-changes.ts";
import { announceChange, auditChange, createdChange, type RecordKind } from "../../kit/record-events.ts";
import { defineRecordService } from "../../kit/record-service.ts";
import { attackIdsOf, resolveTechniques } from "./catalog.ts";
import { techniqueLinks } from "./links-schema.ts";
import { threats } from "./schema.ts";
import { addTechniqueLinks } from "./technique-links.ts";
import type { NewThreat, ThreatPatch } from "./threat-input.ts";
import { findThreatView, type ThreatDeps, type ThreatView } from "./threat-queries.ts";

/** Threats in the audit trail and on the bus. */
export const THREAT: RecordKind = { resourceType: "threat", topic: "threats" };

/** Makes the threat `id` name exactly `techniqueIds` (STIX ids), with `tx`. */
async function replaceTechniques(tx: Tx, id: string, techniqueIds: string[], at: number): Promise<void> {
  const where = and(eq(techniqueLinks.kind, "threat"), eq(techniqueLinks.recordId, id));
  const stored = await tx.select({ id: techniqueLinks.techniqueId }).from(techniqueLinks).where(where);
  const gone = stored.map((s) => s.id).filter((s) => !techniqueIds.includes(s));
  if (gone.length > 0)
    await tx.delete(techniqueLinks).where(and(where, inArray(techniqueLinks.techniqueId, gone)));
  await addTechniqueLinks(tx, { kind: "threat", recordId: id, at }, techniqueIds);
}

/** Records a threat of the organisation's own (analysts and up) with the techniques it uses; audited. */
export async function createThreat(
  deps: ThreatDeps,
  actor: Actor,
  input: NewThreat,
  request?: RequestFacts,
): Promise<ThreatView> {
  assertCan(actor, "create", "threats");
  const techniqueIds = await resolveTechniques(deps.db, input.techniques);
  const now = Date.now();
  const id = Bun.randomUUIDv7();
  const techniques = await attackIdsOf(deps.db, techniqueIds);
  const change = createdChange(
    THREAT,
    actor,
    id,
    { name: input.name, category: input.category, techniques },
    request,
  );
  await deps.db.transaction(async (tx) => {
    await tx.insert(threats).values({
      id,
      name: input.name,
      category: input.category,
      description: input.description,
      createdBy: actor.type === "system" ? null : actor.id,
      createdAt: now,
      updatedAt: now,
    });
    await addTechniqueLinks(tx, { kind: "threat", recordId: id, at: now }, techniqueIds);
    await auditChange(tx, THREAT, change);
  });
  announceChange(deps.bus, THREAT, change);
  return findThreatView(deps.db, id);
}

/** Threats' edit, delete and restore, from the record kit. */
const threatService = defineRecordService({
  table: threats,
  kind: THREAT,
  resource: "threats",
  findView: findThreatView,
});

/** Edits a threat (analysts and up) against the version read; `techniques` replaces the set. Audited. */
export async function updateThreat(
  deps: ThreatDeps,
  actor: Actor,
  id: string,
  patch: ThreatPatch,
  request?: RequestFacts,
): Promise<ThreatView> {
  const { techniques, ...fields } = patch;
  let techniqueIds: string[] | null = null;
  return threatService.update(deps, actor, id, fields, request, {
    async linkChanges() {
      if (!techniques) return {};
      techniqueIds = await resolveTechniques(deps.db, techniques);
      const was = (await findThreatView(deps.db, id)).techniques.map((t) => t.attackId).sort();
      const now = await attackIdsOf(deps.db, techniqueIds);
      return linksChange("techniques", was, now);
    },
    async write(tx, before, changes) {
      if (techniqueIds && changes.techniques) await replaceTechniques(tx, id, techniqueIds, before.createdAt);
    },
  });
}

/** Soft-deletes a threat (admins); its technique links stay for a restore. */
export const deleteThreat = threatService.remove;

/** Restores a soft-deleted threat (admins). */
export const restoreThreat = threatService.restore;
