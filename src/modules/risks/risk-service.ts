import { eq } from "drizzle-orm";
import { assertActiveUser } from "../../kit/active-user.ts";
import type { Actor } from "../../kit/actor.ts";
import type { Changes, RequestFacts } from "../../kit/audit.ts";
import { assertCan } from "../../kit/rbac.ts";
import { linksChange } from "../../kit/record-changes.ts";
import { createRecord } from "../../kit/record-create.ts";
import { changeKindOf } from "../../kit/record-events.ts";
import { workflowMove } from "../../kit/record-move.ts";
import { defineRecordService } from "../../kit/record-service.ts";
import { Validation } from "../../lib/errors.ts";
import { addTechniqueLinks, techniquesAsked, techniquesEdit } from "../threats/technique-links.ts";
import { RISK } from "./kind.ts";
import { assertInMatrix } from "./matrix.ts";
import type { NewRisk, RiskPatch } from "./risk-input.ts";
import { checkLinks, linksAsked, storedLinks, withHiddenLinks, writeLinks } from "./risk-links.ts";
import { type RiskDeps, type RiskView, riskQueries } from "./risk-queries.ts";
import { RISK_LINK_KINDS, type RiskLinkKind, type RiskTreatment, risks } from "./schema.ts";
import { RISK_SEARCH } from "./search.ts";
import { RISK_TRANSITIONS } from "./workflow.ts";

/** Risks in the audit trail, on the bus and in the search index. */
export const RISK_CHANGES = changeKindOf(RISK, RISK_SEARCH);

/** Risks as the record kit writes and shows them, under the matrix and appetite in force. */
const riskRecord = { table: risks, kind: RISK_CHANGES, findView: riskQueries.findView };

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
  await assertActiveUser(deps.db, input.owner, "owner");
  const techniques = await techniquesAsked(deps.db, input.techniques);
  const links = linksAsked(input);
  const fields = {
    title: input.title,
    ownerId: input.owner,
    category: input.category,
    inherentLikelihood: input.inherentLikelihood,
    inherentImpact: input.inherentImpact,
    currentLikelihood,
    currentImpact,
    residualLikelihood: input.residualLikelihood ?? currentLikelihood,
    residualImpact: input.residualImpact ?? currentImpact,
    treatment: input.treatment,
    treatmentDueAt: input.treatmentDueAt,
    nextReviewAt: input.nextReviewAt,
  };
  const createdBy = actor.id;
  const now = Date.now();
  const row = { ...fields, description: input.description, treatmentPlan: input.treatmentPlan, createdBy };
  return createRecord(riskRecord, deps, actor, row, request, {
    audited: { ...fields, createdBy, ...links, techniques: techniques.attackIds },
    at: now,
    async also(tx, id) {
      await checkLinks(tx, links);
      for (const kind of RISK_LINK_KINDS) await writeLinks(tx, id, kind, links[kind] ?? []);
      await addTechniqueLinks(tx, { kind: "risk", recordId: id, at: now }, techniques.ids);
    },
  });
}

/** Risks as the record kit's edit, delete and restore see them. */
const riskService = defineRecordService(risks, RISK_CHANGES, riskQueries.findView, {
  longText: ["description", "treatmentPlan"],
});

/** The links a patch gives (only the lists it gives), each as it replaces the stored one. */
function linkChangesOf(
  stored: Record<RiskLinkKind, string[]>,
  asked: Partial<Record<RiskLinkKind, string[]>>,
) {
  const changes: Changes = {};
  for (const kind of RISK_LINK_KINDS) {
    const after = asked[kind];
    if (after) Object.assign(changes, linksChange(kind, stored[kind], after));
  }
  return changes;
}

/** The link lists among `changes`, by kind, as they are after the edit. */
function changedLinks(changes: Changes): Partial<Record<RiskLinkKind, string[]>> {
  return Object.fromEntries(
    RISK_LINK_KINDS.filter((k) => changes[k]).map((k) => [k, changes[k]?.after as string[]]),
  );
}

/**
 * Edits a risk (analysts and up) against the version read: the same checks as creating it;
 * each list replaces the whole list shown (links to deleted records stay); a new review date is announced again when it passes.
 * `treatment: accept` only comes from an approved acceptance. Audited.
 */
export async function updateRisk(
  deps: RiskDeps,
  actor: Actor,
  id: string,
  patch: RiskPatch,
  request?: RequestFacts,
): Promise<RiskView> {
  const { version, assetIds, vulnerabilityIds, incidentIds, threatIds, techniques, owner, ...fields } = patch;
  const asked = linksAsked({ assetIds, vulnerabilityIds, incidentIds, threatIds });
  const techniquesEdited = techniquesEdit(deps.db, { kind: "risk", recordId: id }, techniques);
  return riskService.update(deps, actor, id, { version }, request, {
    wanted(before) {
      assertNotAccepting(fields.treatment, before.treatment);
      assertInMatrix(deps.risk().matrix, fields);
      return { ...fields, ownerId: owner };
    },
    async linkChanges() {
      const stored = await storedLinks(deps.db, id);
      return {
        ...linkChangesOf(stored, await withHiddenLinks(deps.db, stored, asked)),
        ...(await techniquesEdited.change()),
      };
    },
    async check(_before, changes) {
      if (changes.ownerId) await assertActiveUser(deps.db, owner, "owner");
    },
    // What was asked must be live; the links kept beside it are to deleted records.
    beforeWrite: (tx, _before, changes) =>
      checkLinks(tx, Object.fromEntries(RISK_LINK_KINDS.filter((k) => changes[k]).map((k) => [k, asked[k]]))),
    async write(tx, before, changes) {
      if (changes.nextReviewAt)
        await tx.update(risks).set({ reviewNotifiedAt: null }).where(eq(risks.id, id));
      for (const [kind, ids] of Object.entries(changedLinks(changes)))
        await writeLinks(tx, id, kind as RiskLinkKind, ids);
      await techniquesEdited.write(tx, changes, before.createdAt);
    },
  });
}

/** Moves a risk in its workflow (analysts and up); a move the workflow refuses is 409; audited. */
export const moveRisk = workflowMove(riskRecord, RISK_TRANSITIONS, {
  versionOptional: true,
  // Worded here for its catalog entries (validation.risks.*), which German words in its own way.
  refusal: (from, to, allowed) =>
    from === to
      ? `The risk is ${from} already.`
      : `A risk that is ${from} can move to ${allowed}, not to ${to}.`,
});

/** Soft-deletes a risk (admins; its links stay for a restore) and restores one (admins). */
export const { remove: deleteRisk, restore: restoreRisk } = riskService;
