import { and, eq, isNull, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "../db/client.ts";
import { type Vulnerability, vulnerabilities, vulnerabilityAssets } from "../db/schema/vulnerabilities.ts";
import { AppError, Conflict, NotFound, Validation } from "../lib/errors.ts";
import type { Bus } from "../realtime/bus.ts";
import type { Actor } from "./actor.ts";
import { type Changes, type RequestFacts, recordAudit } from "./audit.ts";
import { assertCan, can } from "./rbac.ts";
import {
  checkAffectedAssets,
  checkCveFree,
  isCveTaken,
  type VulnerabilityReader,
  type VulnerabilityWriter,
  writeAffectedAssets,
} from "./vulnerability-links.ts";
import { findView, type VulnerabilityView } from "./vulnerability-queries.ts";
import {
  isRating,
  type NewVulnerability,
  type Rating,
  rate,
  type VulnerabilityPatch,
  type vulnerabilityStatusSchema,
} from "./vulnerability-schemas.ts";
import {
  canMove,
  dueDate,
  isOpenStatus,
  TRANSITIONS,
  type VulnerabilitySla,
} from "./vulnerability-workflow.ts";

/** What vulnerability services need: the database, the bus, and the SLA in force (read on each write). */
export interface VulnerabilityDeps {
  db: Db;
  bus?: Bus;
  sla: () => VulnerabilitySla;
}

function announce(deps: VulnerabilityDeps, name: string, v: { id: string; version: number }): void {
  deps.bus?.publish("vulnerabilities", name, { id: v.id, version: v.version });
}

/** The row a new vulnerability is stored as. */
export function newRow(
  actor: Actor,
  input: NewVulnerability,
  sla: VulnerabilitySla,
  now: number,
): typeof vulnerabilities.$inferInsert {
  const discoveredAt = input.discoveredAt ?? now;
  return {
    id: Bun.randomUUIDv7(),
    cveId: input.cveId,
    title: input.title,
    description: input.description,
    ...input.rating,
    status: input.status,
    discoveredAt,
    dueAt: dueDate(input.rating.severity, discoveredAt, sla),
    resolvedAt: isOpenStatus(input.status) ? null : now,
    createdBy: actor.type === "system" ? null : actor.id,
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
  const row = newRow(actor, input, deps.sla(), Date.now());
  await deps.db.transaction(async (tx) => {
    await checkCveFree(tx, input.cveId);
    await checkAffectedAssets(tx, input.assetIds);
    await tx.insert(vulnerabilities).values(row);
    await writeAffectedAssets(tx, row.id, input.assetIds);
  });
  await recordAudit(deps.db, {
    actor,
    action: "vulnerability.create",
    resourceType: "vulnerability",
    resourceId: row.id,
    changes: {
      cveId: { before: null, after: row.cveId },
      title: { before: null, after: row.title },
      cvssVector: { before: null, after: row.cvssVector },
      severity: { before: null, after: row.severity },
      status: { before: null, after: row.status },
      assetIds: { before: null, after: input.assetIds },
    },
    request,
  });
  announce(deps, "vulnerability.created", { id: row.id, version: 1 });
  return findView(deps.db, row.id);
}

async function current(db: VulnerabilityReader, id: string): Promise<Vulnerability> {
  const [row] = await db
    .select()
    .from(vulnerabilities)
    .where(and(eq(vulnerabilities.id, id), isNull(vulnerabilities.deletedAt)))
    .limit(1);
  if (!row) throw new NotFound(`No vulnerability ${id}.`);
  return row;
}

const staleMessage = (now: number, sent: number) =>
  `The vulnerability was changed by someone else (now version ${now}, you sent ${sent}). Reload it and apply your change again.`;

/**
 * Writes `set` if the vulnerability is still at `version` and not deleted, bumping the
 * version; 409 otherwise, and nothing is written.
 */
async function writeIfCurrent(
  tx: VulnerabilityWriter,
  before: Vulnerability,
  version: number,
  set: Partial<Vulnerability>,
): Promise<void> {
  const updated = await tx
    .update(vulnerabilities)
    .set({ ...set, updatedAt: Date.now(), version: sql`${vulnerabilities.version} + 1` })
    .where(
      and(
        eq(vulnerabilities.id, before.id),
        eq(vulnerabilities.version, version),
        isNull(vulnerabilities.deletedAt),
      ),
    )
    .returning({ id: vulnerabilities.id });
  if (updated.length === 0) throw new Conflict(staleMessage(before.version, version));
}

async function linkedAssetIds(db: VulnerabilityReader, id: string): Promise<string[]> {
  const rows = await db
    .select({ assetId: vulnerabilityAssets.assetId })
    .from(vulnerabilityAssets)
    .where(eq(vulnerabilityAssets.vulnerabilityId, id));
  return rows.map((r) => r.assetId).sort();
}

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
  patch: Omit<VulnerabilityPatch, "version">,
  sla: VulnerabilitySla,
): Partial<Vulnerability> {
  const wanted: Partial<Vulnerability> = { ...ratingOf(before, patch) };
  if (patch.cveId !== undefined) wanted.cveId = patch.cveId;
  if (patch.title !== undefined) wanted.title = patch.title;
  if (patch.description !== undefined) wanted.description = patch.description;
  if (patch.discoveredAt !== undefined) wanted.discoveredAt = patch.discoveredAt;
  const severity = wanted.severity ?? before.severity;
  const discoveredAt = wanted.discoveredAt ?? before.discoveredAt;
  if (severity !== before.severity || discoveredAt !== before.discoveredAt)
    wanted.dueAt = dueDate(severity, discoveredAt, sla);
  return wanted;
}

/** Edits a vulnerability (analysts and up) against the version read; audited. */
export async function updateVulnerability(
  deps: VulnerabilityDeps,
  actor: Actor,
  id: string,
  patch: VulnerabilityPatch,
  request?: RequestFacts,
): Promise<VulnerabilityView> {
  assertCan(actor, "update", "vulnerabilities");
  const before = await current(deps.db, id);
  const { version, assetIds, ...fields } = patch;
  if (version === undefined)
    throw new AppError(
      428,
      "precondition_required",
      "Version required",
      "Send the version you read, as the field version or an If-Match header, so a change made meanwhile is not overwritten.",
    );
  if (version !== before.version) throw new Conflict(staleMessage(before.version, version));
  const wanted = wantedOf(before, fields, deps.sla());
  const changes: Changes = {};
  for (const [key, value] of Object.entries(wanted) as [keyof Vulnerability, unknown][])
    if (value !== before[key]) changes[key] = { before: before[key], after: value };
  const linked = await linkedAssetIds(deps.db, id);
  const newAssets = assetIds ? [...assetIds].sort() : linked;
  const assetsChanged = newAssets.join("\u0000") !== linked.join("\u0000");
  if (assetsChanged) changes.assetIds = { before: linked, after: newAssets };
  if (Object.keys(changes).length === 0) return findView(deps.db, id);
  await deps.db.transaction(async (tx) => {
    if (changes.cveId) await checkCveFree(tx, wanted.cveId ?? null, id);
    if (assetsChanged) await checkAffectedAssets(tx, newAssets);
    const { assetIds: _links, ...columns } = changes;
    await writeIfCurrent(
      tx,
      before,
      version,
      Object.fromEntries(Object.entries(columns).map(([k, c]) => [k, c.after])),
    );
    if (assetsChanged) {
      await tx.delete(vulnerabilityAssets).where(eq(vulnerabilityAssets.vulnerabilityId, id));
      await writeAffectedAssets(tx, id, newAssets);
    }
  });
  await recordAudit(deps.db, {
    actor,
    action: "vulnerability.update",
    resourceType: "vulnerability",
    resourceId: id,
    changes: { ...changes, ...(changes.description ? { description: { before: "…", after: "…" } } : {}) },
    request,
  });
  announce(deps, "vulnerability.updated", { id, version: before.version + 1 });
  return findView(deps.db, id);
}

/** Moves a vulnerability to another status (analysts and up); a move the rules refuse is 409; audited. */
export async function changeVulnerabilityStatus(
  deps: VulnerabilityDeps,
  actor: Actor,
  id: string,
  change: z.infer<typeof vulnerabilityStatusSchema>,
  request?: RequestFacts,
): Promise<VulnerabilityView> {
  assertCan(actor, "update", "vulnerabilities");
  const before = await current(deps.db, id);
  if (!canMove(before.status, change.status)) {
    const message =
      before.status === change.status
        ? `The vulnerability is ${before.status} already.`
        : `A vulnerability that is ${before.status} can move to ${TRANSITIONS[before.status].join(" or ")}, not to ${change.status}.`;
    throw new Conflict(message);
  }
  const now = Date.now();
  await writeIfCurrent(deps.db, before, change.version ?? before.version, {
    status: change.status,
    resolvedAt: isOpenStatus(change.status) ? null : now,
  });
  await recordAudit(deps.db, {
    actor,
    action: "vulnerability.status",
    resourceType: "vulnerability",
    resourceId: id,
    changes: { status: { before: before.status, after: change.status } },
    request,
  });
  announce(deps, "vulnerability.updated", { id, version: before.version + 1 });
  return findView(deps.db, id);
}

/** Soft-deletes a vulnerability (admins); it stays restorable. */
export async function deleteVulnerability(
  deps: VulnerabilityDeps,
  actor: Actor,
  id: string,
  request?: RequestFacts,
): Promise<void> {
  assertCan(actor, "delete", "vulnerabilities");
  const before = await current(deps.db, id);
  await deps.db
    .update(vulnerabilities)
    .set({ deletedAt: Date.now(), version: sql`${vulnerabilities.version} + 1` })
    .where(eq(vulnerabilities.id, id));
  await recordAudit(deps.db, {
    actor,
    action: "vulnerability.delete",
    resourceType: "vulnerability",
    resourceId: id,
    changes: { deletedAt: { before: null, after: "now" } },
    request,
  });
  announce(deps, "vulnerability.deleted", { id, version: before.version + 1 });
}

/** Restores a soft-deleted vulnerability (admins); 409 while another one holds its CVE id. */
export async function restoreVulnerability(
  deps: VulnerabilityDeps,
  actor: Actor,
  id: string,
  request?: RequestFacts,
): Promise<VulnerabilityView> {
  assertCan(actor, "delete", "vulnerabilities");
  const view = await findView(deps.db, id, true);
  if (view.deletedAt === null) throw new Conflict("This vulnerability is not deleted.");
  await deps.db.transaction(async (tx) => {
    const holder = view.cveId ? await isCveTaken(tx, view.cveId) : null;
    if (holder)
      throw new Conflict(
        `${view.cveId} is recorded again as “${holder.title}” since this one was deleted; restoring it would list the CVE twice.`,
      );
    await tx
      .update(vulnerabilities)
      .set({ deletedAt: null, version: sql`${vulnerabilities.version} + 1` })
      .where(eq(vulnerabilities.id, id));
  });
  await recordAudit(deps.db, {
    actor,
    action: "vulnerability.restore",
    resourceType: "vulnerability",
    resourceId: id,
    changes: { deletedAt: { before: view.deletedAt, after: null } },
    request,
  });
  announce(deps, "vulnerability.updated", { id, version: view.version + 1 });
  return findView(deps.db, id);
}

/** Whether `actor` may see deleted vulnerabilities and restore them (for pages). */
export function canRestoreVulnerabilities(actor: Actor): boolean {
  return can(actor, "delete", "vulnerabilities");
}

/** Refuses (403) an actor who may not record vulnerabilities: the new and import pages ask first. */
export function assertCanCreateVulnerabilities(actor: Actor): void {
  assertCan(actor, "create", "vulnerabilities");
}
