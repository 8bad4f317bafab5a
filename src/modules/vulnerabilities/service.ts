import { eq } from "drizzle-orm";
import { assertActiveUser } from "../../kit/active-user.ts";
import type { Actor } from "../../kit/actor.ts";
import type { RequestFacts } from "../../kit/audit.ts";
import { assertCan } from "../../kit/rbac.ts";
import { linksChange } from "../../kit/record-changes.ts";
import { changeKindOf, commitChange, createdChange } from "../../kit/record-events.ts";
import { workflowMove } from "../../kit/record-move.ts";
import { defineRecordService } from "../../kit/record-service.ts";
import { Conflict, Validation } from "../../lib/errors.ts";
import type { VulnerabilityDeps } from "./deps.ts";
import { isRating, type NewVulnerability, type Rating, rate, type VulnerabilityPatch } from "./input.ts";
import { VULNERABILITY } from "./kind.ts";
import { checkAffectedAssets, checkCveFree, isCveTaken, writeAffectedAssets } from "./links.ts";
import { findView, type VulnerabilityView } from "./queries.ts";
import { type Vulnerability, vulnerabilities, vulnerabilityAssets } from "./schema.ts";
import { VULNERABILITY_SEARCH } from "./search.ts";
import { dueDate, isOpenStatus, TRANSITIONS, type VulnerabilitySla } from "./workflow.ts";

const VULNERABILITY_CHANGES = changeKindOf(VULNERABILITY, VULNERABILITY_SEARCH);

/** Tells the new assignee, unless the actor assigned it to themself (the notifier decides). */
function announceAssignee(deps: VulnerabilityDeps, view: VulnerabilityView, actor: Actor): void {
  if (!view.assignedTo) return;
  const record = {
    kind: "vulnerability" as const,
    id: view.id,
    title: view.title,
    link: `/vulnerabilities/${view.id}`,
  };
  deps.events?.assigned(record, view.assignedTo.id, actor);
}

/** The row a new vulnerability is stored as. */
export function newRow(
  actor: Actor,
  input: NewVulnerability,
  sla: VulnerabilitySla,
  now: number,
): typeof vulnerabilities.$inferInsert {
  const { rating, assetIds: _assets, ...fields } = input;
  const discoveredAt = input.discoveredAt ?? now;
  return {
    id: Bun.randomUUIDv7(),
    ...fields,
    ...rating,
    discoveredAt,
    dueAt: dueDate(rating.severity, discoveredAt, sla),
    resolvedAt: isOpenStatus(input.status) ? null : now,
    createdBy: actor.id,
    createdAt: now,
    updatedAt: now,
  };
}

/**
 * Records a vulnerability (analysts and up): the rating comes from the schema, the due date
 * from the SLA; the CVE id must be free and every asset must exist (422 otherwise).
 * Checked and written in one transaction; audited.
 */
export async function createVulnerability(
  deps: VulnerabilityDeps,
  actor: Actor,
  input: NewVulnerability,
  request?: RequestFacts,
): Promise<VulnerabilityView> {
  assertCan(actor, "create", "vulnerabilities");
  await assertActiveUser(deps.db, input.assignedTo, "assignedTo");
  const row = newRow(actor, input, deps.sla(), Date.now());
  const { cveId, title, cvssVector, severity, status, assignedTo } = row;
  const values = { cveId, title, cvssVector, severity, status, assetIds: input.assetIds, assignedTo };
  const change = createdChange(VULNERABILITY_CHANGES, actor, row.id, values, request);
  await commitChange(deps, VULNERABILITY_CHANGES, change, async (tx) => {
    await checkCveFree(tx, input.cveId);
    await checkAffectedAssets(tx, input.assetIds);
    await tx.insert(vulnerabilities).values(row);
    await writeAffectedAssets(tx, row.id, input.assetIds);
  });
  const view = await findView(deps, row.id);
  announceAssignee(deps, view, actor);
  return view;
}

/** Vulnerabilities' edit, delete and restore, from the record kit; a restore is refused (409) while another one holds its CVE id. */
const vulnerabilityService = defineRecordService(vulnerabilities, VULNERABILITY_CHANGES, findView, {
  person: "assignedTo",
  longText: "description",
  async restoreCheck(tx, deleted) {
    const holder = deleted.cveId ? await isCveTaken(tx, deleted.cveId) : null;
    if (holder)
      throw new Conflict(
        `${deleted.cveId} is recorded again as “${holder.title}” since this one was deleted; restoring it would list the CVE twice.`,
      );
  },
});

/** The rating a patch asks for: a new vector (or none), or a severity chosen where no vector rules it. */
function ratingOf(before: Vulnerability, patch: Omit<VulnerabilityPatch, "version">): Rating | null {
  if (patch.cvssVector === undefined && patch.severity === undefined) return null;
  if (patch.cvssVector === undefined && before.cvssVector) {
    if (patch.severity && patch.severity !== before.severity)
      throw new Validation({
        severity: `The CVSS vector rates this ${before.severity} (${before.cvssScore?.toFixed(1)}): remove the vector to choose the severity by hand.`,
      });
    return null;
  }
  const rating = rate(patch.cvssVector ?? null, patch.severity, before.severity);
  if (!isRating(rating)) throw new Validation(rating);
  return rating;
}

/** The column values a patch asks for: the rating settled, the due date following severity and discovery. */
function wantedOf(
  before: Vulnerability,
  patch: Omit<VulnerabilityPatch, "assetIds">,
  sla: VulnerabilitySla,
): Partial<Vulnerability> {
  const { version: _version, cvssVector: _vector, severity: _severity, ...fields } = patch;
  const wanted: Partial<Vulnerability> = { ...ratingOf(before, patch), ...fields };
  const severity = wanted.severity ?? before.severity;
  const discoveredAt = wanted.discoveredAt ?? before.discoveredAt;
  if (severity !== before.severity || discoveredAt !== before.discoveredAt)
    wanted.dueAt = dueDate(severity, discoveredAt, sla);
  return wanted;
}

/**
 * Edits a vulnerability (analysts and up) against the version read; audited. The CVE id
 * must stay free and the assets must exist (checked in the write's transaction);
 * `assetIds` replaces the whole set.
 */
export function updateVulnerability(
  deps: VulnerabilityDeps,
  actor: Actor,
  id: string,
  patch: VulnerabilityPatch,
  request?: RequestFacts,
): Promise<VulnerabilityView> {
  const { assetIds, ...fields } = patch;
  let newAssets: string[] = [];
  // The columns come from `wanted` (the rating settled, the due date following), not the patch as sent.
  return vulnerabilityService.update(deps, actor, id, { version: fields.version }, request, {
    wanted: (before) => wantedOf(before, fields, deps.sla()),
    async linkChanges() {
      const rows = await deps.db
        .select({ assetId: vulnerabilityAssets.assetId })
        .from(vulnerabilityAssets)
        .where(eq(vulnerabilityAssets.vulnerabilityId, id));
      const linked = rows.map((r) => r.assetId).sort();
      newAssets = assetIds ? [...assetIds].sort() : linked;
      return linksChange("assetIds", linked, newAssets);
    },
    async beforeWrite(tx, _before, changes) {
      if (changes.cveId) await checkCveFree(tx, (changes.cveId.after as string | null) ?? null, id);
      if (changes.assetIds) await checkAffectedAssets(tx, newAssets);
    },
    async write(tx, _before, changes) {
      if (!changes.assetIds) return;
      await tx.delete(vulnerabilityAssets).where(eq(vulnerabilityAssets.vulnerabilityId, id));
      await writeAffectedAssets(tx, id, newAssets);
    },
    committed(view, changes) {
      if (changes.assignedTo) announceAssignee(deps, view, actor);
    },
  });
}

/** Moves a vulnerability to another status (analysts and up); a move the rules refuse is 409; audited. */
export const changeVulnerabilityStatus = workflowMove(
  { table: vulnerabilities, kind: VULNERABILITY_CHANGES, findView },
  TRANSITIONS,
  {
    versionOptional: true,
    set: (to) => ({ resolvedAt: isOpenStatus(to) ? null : Date.now() }),
    // Worded here for its catalog entries (validation.vulnerabilities.*), which German words in its own way.
    refusal: (from, to, allowed) =>
      from === to
        ? `The vulnerability is ${from} already.`
        : `A vulnerability that is ${from} can move to ${allowed}, not to ${to}.`,
  },
);

/**
 * Soft-deletes a vulnerability (admins; it stays restorable), and restores it (409 while
 * another one holds its CVE id).
 */
export const { remove: deleteVulnerability, restore: restoreVulnerability } = vulnerabilityService;
