import { assertActiveUser } from "../../kit/active-user.ts";
import type { Actor } from "../../kit/actor.ts";
import type { Changes, RequestFacts } from "../../kit/audit.ts";
import { assertCan } from "../../kit/rbac.ts";
import { changesOf, createdChanges, valuesAfter, withTextElided } from "../../kit/record-changes.ts";
import { commitChange, type RecordKind } from "../../kit/record-events.ts";
import { findRow } from "../../kit/record-lookup.ts";
import { requireVersion, staleVersion, writeIfCurrent } from "../../kit/record-versioning.ts";
import type { SearchSource } from "../../kit/search-index.ts";
import { restoreDeleted, softDelete } from "../../kit/soft-delete.ts";
import { Conflict, Validation } from "../../lib/errors.ts";
import { attackIdsOf, resolveTechniques } from "../threats/catalog.ts";
import { addTechniqueLinks, replaceTechniqueLinks } from "../threats/technique-links.ts";
import { assertInMatrix } from "./matrix.ts";
import type { NewRisk, RiskPatch, riskStatusSchema } from "./risk-input.ts";
import { checkLinks, type LinkInput, linksAsked, storedLinks, writeLinks } from "./risk-links.ts";
import { findRiskView, type RiskDeps, type RiskView } from "./risk-queries.ts";
import { RISK_LINK_KINDS, type Risk, type RiskTreatment, risks } from "./schema.ts";
import { canMoveRisk, RISK_TRANSITIONS } from "./workflow.ts";

/** What of risks the search index holds: title; description and treatment plan. */
export const RISK_SEARCH: SearchSource = {
  kind: "risks",
  table: risks,
  id: risks.id,
  title: risks.title,
  body: [risks.description, risks.treatmentPlan],
  updatedAt: risks.updatedAt,
  deletedAt: risks.deletedAt,
  href: "/risks/",
};

/** Risks in the audit trail, on the bus and in the search index. */
export const RISK: RecordKind = { resourceType: "risk", topic: "risks", search: RISK_SEARCH };

/** Refuses choosing `accept` by hand: an approved acceptance sets it (a manager's decision). */
function assertNotAccepting(
  treatment: RiskTreatment | null | undefined,
  before?: RiskTreatment | null,
): void {
  if (treatment === "accept" && before !== "accept")
    throw new Validation({
      treatment: "Accepting a risk needs a manager's approval: request an acceptance on the risk's page.",
    });
}

/** The ATT&CK techniques asked for, as STIX ids (422 naming unknown ones), and their ATT&CK ids. */
async function techniquesAsked(deps: RiskDeps, attackIds: readonly string[]) {
  const ids = await resolveTechniques(deps.db, attackIds);
  return { ids, attackIds: await attackIdsOf(deps.db, ids) };
}

/**
 * Records a risk (analysts and up): the owner must be an active user, the scores must lie
 * in the matrix in force, every linked record must exist (422 naming the field otherwise);
 * current and residual scores default to the inherent one. Audited.
 */
export async function createRisk(
  deps: RiskDeps,
  actor: Actor,
  input: NewRisk,
  request?: RequestFacts,
): Promise<RiskView> {
  assertCan(actor, "create", "risks");
  assertNotAccepting(input.treatment);
  assertInMatrix(deps.risk().matrix, input);
  const currentLikelihood = input.currentLikelihood ?? input.inherentLikelihood;
  const currentImpact = input.currentImpact ?? input.inherentImpact;
  const scores = {
    inherentLikelihood: input.inherentLikelihood,
    inherentImpact: input.inherentImpact,
    currentLikelihood,
    currentImpact,
    residualLikelihood: input.residualLikelihood ?? currentLikelihood,
    residualImpact: input.residualImpact ?? currentImpact,
  };
  await assertActiveUser(deps.db, input.owner, "owner");
  const techniques = await techniquesAsked(deps, input.techniques);
  const links = linksAsked(input);
  const now = Date.now();
  const id = Bun.randomUUIDv7();
  const row = {
    id,
    title: input.title,
    description: input.description,
    ownerId: input.owner,
    category: input.category,
    ...scores,
    treatment: input.treatment,
    treatmentPlan: input.treatmentPlan,
    treatmentDueAt: input.treatmentDueAt,
    nextReviewAt: input.nextReviewAt,
    createdBy: actor.type === "system" ? null : actor.id,
    createdAt: now,
    updatedAt: now,
  };
  const { description: _, treatmentPlan: __, createdAt: ___, updatedAt: ____, id: _____, ...audited } = row;
  const change = {
    actor,
    request,
    id,
    action: "risk.create",
    changes: createdChanges({ ...audited, ...links, techniques: techniques.attackIds }),
    event: "risk.created",
    data: { version: 1 },
  };
  await commitChange(deps, RISK, change, async (tx) => {
    await checkLinks(tx, links);
    await tx.insert(risks).values(row);
    for (const kind of RISK_LINK_KINDS) await writeLinks(tx, id, kind, links[kind] ?? []);
    await addTechniqueLinks(tx, { kind: "risk", recordId: id, at: now }, techniques.ids);
  });
  return findRiskView(deps, id);
}

/** The link and technique changes of a patch (only the lists it gives). */
async function listChanges(deps: RiskDeps, before: RiskView, patch: LinkInput & { techniques?: string[] }) {
  const changes: Changes = {};
  const asked = linksAsked(patch);
  const stored = await storedLinks(deps.db, before.id);
  for (const kind of RISK_LINK_KINDS) {
    const after = asked[kind];
    if (after && after.join() !== stored[kind].join()) changes[kind] = { before: stored[kind], after };
  }
  let techniqueIds: string[] | null = null;
  if (patch.techniques) {
    const wanted = await techniquesAsked(deps, patch.techniques);
    const was = before.techniques.map((t) => t.attackId).sort();
    if (was.join() !== wanted.attackIds.join()) {
      changes.techniques = { before: was, after: wanted.attackIds };
      techniqueIds = wanted.ids;
    }
  }
  return { changes, techniqueIds };
}

/**
 * Edits a risk (analysts and up) against the version read: the same checks as creating it;
 * each list replaces the whole list; a new review date is announced again when it passes.
 * `treatment: accept` only comes from an approved acceptance. Audited.
 */
export async function updateRisk(
  deps: RiskDeps,
  actor: Actor,
  id: string,
  patch: RiskPatch,
  request?: RequestFacts,
): Promise<RiskView> {
  assertCan(actor, "update", "risks");
  const before = await findRiskView(deps, id);
  const {
    version: sent,
    assetIds,
    vulnerabilityIds,
    incidentIds,
    threatIds,
    techniques,
    owner,
    ...fields
  } = patch;
  const version = requireVersion(sent);
  if (version !== before.version) throw staleVersion("risk", before.version, version);
  assertNotAccepting(fields.treatment, before.treatment);
  assertInMatrix(deps.risk().matrix, fields);
  const row = await findRow(deps.db, risks, "risk", id);
  const changes = changesOf(row, { ...fields, ownerId: owner });
  if (changes.ownerId) await assertActiveUser(deps.db, owner, "owner");
  const lists = await listChanges(deps, before, {
    assetIds,
    vulnerabilityIds,
    incidentIds,
    threatIds,
    techniques,
  });
  Object.assign(changes, lists.changes);
  if (Object.keys(changes).length === 0) return before;
  const {
    techniques: _t,
    asset: _a,
    vulnerability: _v,
    incident: _i,
    threat: _th,
    ...columnChanges
  } = changes;
  const columns: Partial<Risk> = valuesAfter(columnChanges);
  if (changes.nextReviewAt) columns.reviewNotifiedAt = null;
  const change = {
    actor,
    request,
    id,
    action: "risk.update",
    changes: withTextElided(withTextElided(changes, "description"), "treatmentPlan"),
    event: "risk.updated",
    data: { version: version + 1 },
  };
  await commitChange(deps, RISK, change, async (tx) => {
    const asked = Object.fromEntries(
      RISK_LINK_KINDS.filter((k) => changes[k]).map((k) => [k, changes[k]?.after as string[]]),
    );
    await checkLinks(tx, asked);
    if (!(await writeIfCurrent(tx, risks, { id, version }, columns)))
      throw staleVersion("risk", (await findRow(tx, risks, "risk", id)).version, version);
    for (const [kind, ids] of Object.entries(asked))
      await writeLinks(tx, id, kind as (typeof RISK_LINK_KINDS)[number], ids);
    if (lists.techniqueIds)
      await replaceTechniqueLinks(
        tx,
        { kind: "risk", recordId: id, at: before.createdAt },
        lists.techniqueIds,
      );
  });
  return findRiskView(deps, id);
}

/** Moves a risk in its workflow (analysts and up); a move the workflow refuses is 409; audited. */
export async function moveRisk(
  deps: RiskDeps,
  actor: Actor,
  id: string,
  move: ReturnType<typeof riskStatusSchema.parse>,
  request?: RequestFacts,
): Promise<RiskView> {
  assertCan(actor, "update", "risks");
  const before = await findRow(deps.db, risks, "risk", id);
  if (!canMoveRisk(before.status, move.status))
    throw new Conflict(
      before.status === move.status
        ? `The risk is ${before.status} already.`
        : `A risk that is ${before.status} can move to ${RISK_TRANSITIONS[before.status].join(" or ")}, not to ${move.status}.`,
    );
  const version = move.version ?? before.version;
  const change = {
    actor,
    request,
    id,
    action: "risk.status",
    changes: { status: { before: before.status, after: move.status } },
    event: "risk.updated",
    data: { version: before.version + 1 },
  };
  await commitChange(deps, RISK, change, async (tx) => {
    if (!(await writeIfCurrent(tx, risks, { id, version }, { status: move.status })))
      throw staleVersion("risk", before.version, version);
  });
  return findRiskView(deps, id);
}

/** Soft-deletes a risk (admins); its links stay for a restore. */
export async function deleteRisk(
  deps: RiskDeps,
  actor: Actor,
  id: string,
  request?: RequestFacts,
): Promise<void> {
  assertCan(actor, "delete", "risks");
  await softDelete(deps, risks, RISK, actor, id, request);
}

/** Restores a soft-deleted risk (admins). */
export async function restoreRisk(
  deps: RiskDeps,
  actor: Actor,
  id: string,
  request?: RequestFacts,
): Promise<RiskView> {
  assertCan(actor, "delete", "risks");
  await restoreDeleted(deps, risks, RISK, actor, id, request);
  return findRiskView(deps, id);
}
