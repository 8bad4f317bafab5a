import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import type { Actor } from "../../kit/actor.ts";
import type { Changes, RequestFacts } from "../../kit/audit.ts";
import { assertCan } from "../../kit/rbac.ts";
import { announceChange, auditChange, type RecordChange } from "../../kit/record-events.ts";
import { NotFound, Validation } from "../../lib/errors.ts";
import { assetRelations, assets } from "./schema.ts";
import { ASSET_CHANGES, type AssetDeps, type AssetDetails, assetNames, getAsset } from "./service.ts";

type Reader = Pick<Db, "all">;

/**
 * The ids on one path of dependencies from `from` to `to` (both included), or null when
 * `to` cannot be reached. One recursive query walks everything `from` depends on,
 * directly or not, remembering through which asset each was reached.
 */
export async function dependencyPath(db: Reader, from: string, to: string): Promise<string[] | null> {
  const rows = await db.all<{ id: string; via: string | null }>(sql`
    with recursive reach(id, via) as (
      select ${from}, null
      union
      select r.depends_on_id, r.asset_id from asset_relations r join reach on r.asset_id = reach.id
    )
    select id, via from reach`);
  const parent = new Map<string, string>();
  for (const row of rows) if (row.via !== null && !parent.has(row.id)) parent.set(row.id, row.via);
  if (to !== from && !parent.has(to)) return null;
  const path = [to];
  // The graph has no cycle (every insert is checked), so walking back ends at `from`.
  for (let at = to; at !== from && path.length <= rows.length; ) {
    at = parent.get(at) ?? from;
    path.push(at);
  }
  return path.reverse();
}

/** 404 for the first of `ids` that `names` (the assets found) lacks. */
function assertAssetsExist(names: Map<string, string>, ids: string[]): void {
  for (const id of ids) if (!names.has(id)) throw new NotFound(`No asset ${id}.`);
}

/**
 * Audits, in `tx`, the transaction making it, that `assetId` now does (`add`) or no longer
 * does (`remove`) depend on `dependsOnId`; returns the change to announce (the asset at its
 * version now) once committed.
 */
async function auditDependency(
  tx: Pick<Db, "select" | "insert" | "delete">,
  actor: Actor,
  assetId: string,
  dependsOnId: string,
  verb: "add" | "remove",
  request?: RequestFacts,
): Promise<RecordChange> {
  const [row] = await tx.select({ version: assets.version }).from(assets).where(eq(assets.id, assetId));
  const version = row?.version ?? 0;
  const changes: Changes = {
    dependsOn: verb === "add" ? { before: null, after: dependsOnId } : { before: dependsOnId, after: null },
  };
  const action = `asset.dependency.${verb}`;
  const change = { actor, request, id: assetId, action, changes, event: "asset.updated", data: { version } };
  await auditChange(tx, ASSET_CHANGES, change);
  return change;
}

/**
 * Records that `assetId` depends on `dependsOnId` (analysts and up). Refused with 422 for
 * the asset itself and for a dependency that would close a cycle (the message shows the
 * path that exists already); 404 when either asset does not exist. Adding one that exists
 * changes nothing (`created: false`). Checked and written in one transaction, so two
 * opposite additions cannot both pass the check.
 */
export async function addDependency(
  deps: AssetDeps,
  actor: Actor,
  assetId: string,
  dependsOnId: string,
  request?: RequestFacts,
): Promise<{ created: boolean; asset: AssetDetails }> {
  assertCan(actor, "update", "assets");
  if (assetId === dependsOnId) {
    const message = "An asset cannot depend on itself.";
    throw new Validation({ dependsOnId: message }, message);
  }
  const added = await deps.db.transaction(async (tx) => {
    const names = await assetNames(tx, [assetId, dependsOnId]);
    assertAssetsExist(names, [assetId, dependsOnId]);
    const [existing] = await tx
      .select({ at: assetRelations.createdAt })
      .from(assetRelations)
      .where(and(eq(assetRelations.assetId, assetId), eq(assetRelations.dependsOnId, dependsOnId)))
      .limit(1);
    if (existing) return null;
    const path = await dependencyPath(tx, dependsOnId, assetId);
    if (path) {
      const pathNames = await assetNames(tx, path);
      const shown = path.map((id) => pathNames.get(id) ?? id).join(" → ");
      const message = `“${names.get(assetId)}” cannot depend on “${names.get(dependsOnId)}”: “${names.get(dependsOnId)}” already depends on it (${shown}), so this would make a cycle.`;
      throw new Validation({ dependsOnId: message }, message);
    }
    await tx.insert(assetRelations).values({ assetId, dependsOnId, createdAt: Date.now() });
    return auditDependency(tx, actor, assetId, dependsOnId, "add", request);
  });
  if (added) announceChange(deps.bus, ASSET_CHANGES, added);
  return { created: added !== null, asset: await getAsset(deps, actor, assetId) };
}

/** Removes the dependency of `assetId` on `dependsOnId` (analysts and up); 404 when there is none. */
export async function removeDependency(
  deps: AssetDeps,
  actor: Actor,
  assetId: string,
  dependsOnId: string,
  request?: RequestFacts,
): Promise<AssetDetails> {
  assertCan(actor, "update", "assets");
  const removed = await deps.db.transaction(async (tx) => {
    const rows = await tx
      .delete(assetRelations)
      .where(and(eq(assetRelations.assetId, assetId), eq(assetRelations.dependsOnId, dependsOnId)))
      .returning({ assetId: assetRelations.assetId });
    if (rows.length === 0) {
      const names = await assetNames(tx, [assetId, dependsOnId]);
      assertAssetsExist(names, [assetId, dependsOnId]);
      throw new NotFound(`“${names.get(assetId)}” does not depend on “${names.get(dependsOnId)}”.`);
    }
    return auditDependency(tx, actor, assetId, dependsOnId, "remove", request);
  });
  announceChange(deps.bus, ASSET_CHANGES, removed);
  return getAsset(deps, actor, assetId);
}
