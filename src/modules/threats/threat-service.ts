import { and, eq, inArray } from "drizzle-orm";
import type { Tx } from "../../db/transaction.ts";
import type { Actor } from "../../kit/actor.ts";
import type { RequestFacts } from "../../kit/audit.ts";
import { assertCan } from "../../kit/rbac.ts";
import { changesOf, createdChanges, valuesAfter } from "../../kit/record-changes.ts";
import { announceChange, auditChange, commitChange, type RecordKind } from "../../kit/record-events.ts";
import { findRow } from "../../kit/record-lookup.ts";
import { requireVersion, staleVersion, writeIfCurrent } from "../../kit/record-versioning.ts";
import type { SearchSource } from "../../kit/search-index.ts";
import { restoreDeleted, softDelete } from "../../kit/soft-delete.ts";
import { attackIdsOf, resolveTechniques } from "./catalog.ts";
import { techniqueLinks } from "./links-schema.ts";
import { threats } from "./schema.ts";
import { addTechniqueLinks } from "./technique-links.ts";
import type { NewThreat, ThreatPatch } from "./threat-input.ts";
import { findThreatView, type ThreatDeps, type ThreatView } from "./threat-queries.ts";

/** What of threats the search index holds — name; description and category. */
export const THREAT_SEARCH: SearchSource = {
  kind: "threats",
  table: threats,
  id: threats.id,
  title: threats.name,
  body: [threats.description, threats.category],
  updatedAt: threats.updatedAt,
  deletedAt: threats.deletedAt,
  href: "/threats/",
};

/** Threats in the audit trail, on the bus and in the search index. */
export const THREAT: RecordKind = { resourceType: "threat", topic: "threats", search: THREAT_SEARCH };

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
  const change = {
    actor,
    request,
    id,
    action: "threat.create",
    changes: createdChanges({
      name: input.name,
      category: input.category,
      techniques: await attackIdsOf(deps.db, techniqueIds),
    }),
    event: "threat.created",
    data: { version: 1 },
  };
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

/** Edits a threat (analysts and up) against the version read; `techniques` replaces the set. Audited. */
export async function updateThreat(
  deps: ThreatDeps,
  actor: Actor,
  id: string,
  patch: ThreatPatch,
  request?: RequestFacts,
): Promise<ThreatView> {
  assertCan(actor, "update", "threats");
  const before = await findThreatView(deps.db, id);
  const { version: sent, techniques, ...fields } = patch;
  const version = requireVersion(sent);
  if (version !== before.version) throw staleVersion("threat", before.version, version);
  const changes = changesOf(before, fields);
  let techniqueIds: string[] | null = null;
  if (techniques) {
    techniqueIds = await resolveTechniques(deps.db, techniques);
    const was = before.techniques.map((t) => t.attackId).sort();
    const now = await attackIdsOf(deps.db, techniqueIds);
    if (was.join() !== now.join()) changes.techniques = { before: was, after: now };
  }
  if (Object.keys(changes).length === 0) return before;
  const { techniques: _, ...columns } = valuesAfter(changes);
  const change = {
    actor,
    request,
    id,
    action: "threat.update",
    changes,
    event: "threat.updated",
    data: { version: version + 1 },
  };
  await commitChange(deps, THREAT, change, async (tx) => {
    if (!(await writeIfCurrent(tx, threats, { id, version }, columns)))
      throw staleVersion("threat", (await findRow(tx, threats, "threat", id)).version, version);
    if (techniqueIds && changes.techniques) await replaceTechniques(tx, id, techniqueIds, before.createdAt);
  });
  return findThreatView(deps.db, id);
}

/** Soft-deletes a threat (admins); its technique links stay for a restore. */
export async function deleteThreat(
  deps: ThreatDeps,
  actor: Actor,
  id: string,
  request?: RequestFacts,
): Promise<void> {
  assertCan(actor, "delete", "threats");
  await softDelete(deps, threats, THREAT, actor, id, request);
}

/** Restores a soft-deleted threat (admins). */
export async function restoreThreat(
  deps: ThreatDeps,
  actor: Actor,
  id: string,
  request?: RequestFacts,
): Promise<ThreatView> {
  assertCan(actor, "delete", "threats");
  await restoreDeleted(deps, threats, THREAT, actor, id, request);
  return findThreatView(deps.db, id);
}
