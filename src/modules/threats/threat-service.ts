import type { Actor } from "../../kit/actor.ts";
import type { RequestFacts } from "../../kit/audit.ts";
import { assertCan } from "../../kit/rbac.ts";
import { createRecord } from "../../kit/record-create.ts";
import { changeKindOf, type RecordEventDeps } from "../../kit/record-events.ts";
import { defineRecordService } from "../../kit/record-service.ts";
import { THREAT_KIND } from "./kind.ts";
import { threats } from "./schema.ts";
import { THREAT_SEARCH } from "./search.ts";
import { addTechniqueLinks, techniquesAsked, techniquesEdit } from "./technique-links.ts";
import type { NewThreat, ThreatPatch } from "./threat-input.ts";
import { findThreatView, type ThreatView } from "./threat-queries.ts";

/** Threats in the audit trail, on the bus and in the search index. */
export const THREAT_CHANGES = changeKindOf(THREAT_KIND, THREAT_SEARCH);

/** Records a threat of the organisation's own (analysts and up) with the techniques it uses; audited. */
export async function createThreat(
  deps: RecordEventDeps,
  actor: Actor,
  input: NewThreat,
  request?: RequestFacts,
): Promise<ThreatView> {
  assertCan(actor, "create", "threats");
  const { techniques: asked, ...fields } = input;
  const techniques = await techniquesAsked(deps.db, asked);
  const now = Date.now();
  const record = { table: threats, kind: THREAT_CHANGES, findView: findThreatView };
  return createRecord(record, deps, actor, { ...fields, createdBy: actor.id }, request, {
    audited: { name: input.name, category: input.category, techniques: techniques.attackIds },
    at: now,
    also: (tx, id) => addTechniqueLinks(tx, { kind: "threat", recordId: id, at: now }, techniques.ids),
  });
}

/** Threats' edit, delete and restore, from the record kit. */
const threatService = defineRecordService(threats, THREAT_CHANGES, findThreatView);

/** Edits a threat (analysts and up) against the version read; `techniques` replaces the set. Audited. */
export async function updateThreat(
  deps: RecordEventDeps,
  actor: Actor,
  id: string,
  patch: ThreatPatch,
  request?: RequestFacts,
): Promise<ThreatView> {
  const { techniques, ...fields } = patch;
  const edit = techniquesEdit(deps.db, { kind: "threat", recordId: id }, techniques);
  return threatService.update(deps, actor, id, fields, request, {
    linkChanges: edit.change,
    write: (tx, before, changes) => edit.write(tx, changes, before.createdAt),
  });
}

/** Soft-deletes a threat (admins; its technique links stay for a restore), and restores it. */
export const { remove: deleteThreat, restore: restoreThreat } = threatService;
