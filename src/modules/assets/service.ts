import { asc, eq, inArray, notInArray, sql } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import type { Db } from "../../db/client.ts";
import type { Actor } from "../../kit/actor.ts";
import type { RequestFacts } from "../../kit/audit.ts";
import { assertCan } from "../../kit/rbac.ts";
import { deletedChanges } from "../../kit/record-changes.ts";
import { createRecord } from "../../kit/record-create.ts";
import { announceChange, auditChange, changeKindOf, type RecordEventDeps } from "../../kit/record-events.ts";
import { CHOICES_LIMIT, findRow } from "../../kit/record-lookup.ts";
import { definePeopleQueries } from "../../kit/record-queries.ts";
import { updateRecord, type WrittenRecord } from "../../kit/record-service.ts";
import { Conflict } from "../../lib/errors.ts";
import type { AssetPatch, AssetQuery, NewAsset } from "./input.ts";
import { ASSET } from "./kind.ts";
import { type Asset, assetOrder, assetRelations, assets } from "./schema.ts";
import { ASSET_SEARCH } from "./search.ts";

/** What asset services need. */
export type AssetDeps = RecordEventDeps;

/** An asset as the API and pages show it (the managed key stays inside). */
export type AssetView = Omit<Asset, "managedKey"> & {
  /** The owner: a user (with id) or a free-text name; null when nobody owns it. */
  owner: { id: string | null; name: string } | null;
};

/** Another asset, as a dependency or dependent names it. */
export type AssetRef = Pick<Asset, "id" | "name" | "assetType" | "criticality" | "status">;

/** An asset with what it depends on and what depends on it, each sorted by name. */
export type AssetDetails = AssetView & { dependencies: AssetRef[]; dependents: AssetRef[] };

/** Assets as the record kit reads them, with their owner's name; the managed key stays inside. */
export const assetQueries = definePeopleQueries({
  table: assets,
  kind: ASSET,
  people: { owner: assets.ownerUserId },
  sort: assetOrder(assets),
  toViews: (_deps, rows) =>
    rows.map(({ asset, ownerName }): AssetView => {
      const { managedKey: _key, ...rest } = asset;
      const owner = asset.ownerUserId
        ? { id: asset.ownerUserId, name: ownerName ?? "" }
        : asset.ownerText
          ? { id: null, name: asset.ownerText }
          : null;
      return { ...rest, owner };
    }),
  text: [assets.name, assets.hostname, assets.ipAddresses, assets.os, assets.location, assets.tags],
  equal: { assetType: assets.assetType, criticality: assets.criticality, status: assets.status },
  filters: (query: AssetQuery) =>
    query.tag ? sql`exists (select 1 from json_each(${assets.tags}) where value = ${query.tag})` : undefined,
});

/**
 * A page of assets, filtered and sorted (every role that reads assets); one asset as shown
 * (404 when there is none).
 */
export const { list: listAssets, findView: findAssetView } = assetQueries;

/** The assets at the `other` end of the relations whose `end` is `assetId`, by name. */
function relatedAssets(db: Pick<Db, "select">, end: SQLiteColumn, other: SQLiteColumn, assetId: string) {
  const { id, name, assetType, criticality, status } = assets;
  return db
    .select({ id, name, assetType, criticality, status })
    .from(assetRelations)
    .innerJoin(assets, eq(assets.id, other))
    .where(eq(end, assetId))
    .orderBy(sql`${assets.name} collate nocase`, asc(assets.id));
}

/** What `assetId` depends on and what depends on it. */
export async function relationsOf(db: Pick<Db, "select">, assetId: string) {
  const dependencies = await relatedAssets(db, assetRelations.assetId, assetRelations.dependsOnId, assetId);
  const dependents = await relatedAssets(db, assetRelations.dependsOnId, assetRelations.assetId, assetId);
  return { dependencies, dependents };
}

/** One asset with its dependencies and dependents. */
export async function getAsset(deps: AssetDeps, actor: Actor, assetId: string): Promise<AssetDetails> {
  return { ...(await assetQueries.get(deps, actor, assetId)), ...(await relationsOf(deps.db, assetId)) };
}

/** Assets in the audit trail and on the bus. */
export const ASSET_CHANGES = changeKindOf(ASSET, ASSET_SEARCH);

/** Assets as the record kit writes them (they are deleted for good: no kit delete or restore). */
const ASSET_RECORD: WrittenRecord<typeof assets, AssetView> = {
  table: assets,
  kind: ASSET_CHANGES,
  findView: findAssetView,
  person: "ownerUserId",
  longText: "description",
};

/** Adds an asset (analysts and up); audited. `managed` only Warden itself gives (the host it registers). */
export async function createAsset(
  deps: AssetDeps,
  actor: Actor,
  input: NewAsset,
  request?: RequestFacts,
  managed?: { managedBy: string; managedKey: string },
): Promise<AssetView> {
  const row = { ...input, managedBy: managed?.managedBy ?? null, managedKey: managed?.managedKey ?? null };
  const audited = { name: input.name, assetType: input.assetType, criticality: input.criticality };
  return createRecord(ASSET_RECORD, deps, actor, row, request, {
    audited: { ...audited, ...(managed ? { managedBy: managed.managedBy } : {}) },
  });
}

/** The owner fields a patch sets: naming either one replaces the owner as a whole. */
function ownerOf(patch: AssetPatch): Partial<Pick<Asset, "ownerUserId" | "ownerText">> {
  if (patch.ownerUserId === undefined && patch.ownerText === undefined) return {};
  return { ownerUserId: patch.ownerUserId ?? null, ownerText: patch.ownerText ?? null };
}

/** Edits an asset (analysts and up) against the version read; audited. */
export function updateAsset(
  deps: AssetDeps,
  actor: Actor,
  assetId: string,
  patch: AssetPatch,
  request?: RequestFacts,
): Promise<AssetView> {
  return updateRecord(ASSET_RECORD, deps, actor, assetId, patch, request, {
    wanted: () => ({ ...patch, ...ownerOf(patch) }),
  });
}

/** "a", "a and b", "a, b and 3 more": the names of a refusal, kept short. */
function nameList(names: string[], max = 3): string {
  const quoted = names.map((n) => `“${n}”`);
  if (quoted.length <= 1) return quoted.join("");
  if (quoted.length <= max) return `${quoted.slice(0, -1).join(", ")} and ${quoted.at(-1)}`;
  return `${quoted.slice(0, max).join(", ")} and ${quoted.length - max} more`;
}

/**
 * Deletes an asset for good (admins), with its own dependencies and its audit entry, in one transaction.
 * Refused (409, naming them) while other assets depend on it. The audit entry keeps what
 * was deleted.
 */
export async function deleteAsset(
  deps: AssetDeps,
  actor: Actor,
  assetId: string,
  request?: RequestFacts,
): Promise<void> {
  assertCan(actor, "delete", "assets");
  const deleted = await deps.db.transaction(async (tx) => {
    const asset = await findRow(tx, assets, "asset", assetId);
    const { dependencies, dependents } = await relationsOf(tx, assetId);
    if (dependents.length > 0) {
      const verb = dependents.length === 1 ? "depends" : "depend";
      throw new Conflict(
        `“${asset.name}” cannot be deleted: ${nameList(dependents.map((d) => d.name))} ${verb} on it. Remove those dependencies first.`,
      );
    }
    await tx.delete(assetRelations).where(eq(assetRelations.assetId, assetId));
    await tx.delete(assets).where(eq(assets.id, assetId));
    const change = {
      actor,
      request,
      id: assetId,
      action: "asset.delete",
      changes: deletedChanges({
        name: asset.name,
        assetType: asset.assetType,
        hostname: asset.hostname,
        ipAddresses: asset.ipAddresses,
        dependsOn: dependencies.map((d) => d.id),
      }),
      event: "asset.deleted",
      data: { version: asset.version },
    };
    await auditChange(tx, ASSET_CHANGES, change);
    return change;
  });
  announceChange(deps.bus, ASSET_CHANGES, deleted);
}

/** Every asset's id and name by name (up to 1000), except `exclude`: what a dependency picker offers. */
export async function assetChoices(deps: AssetDeps, actor: Actor, exclude: string[] = []) {
  assertCan(actor, "read", "assets");
  return deps.db
    .select({ id: assets.id, name: assets.name })
    .from(assets)
    .where(exclude.length > 0 ? notInArray(assets.id, exclude) : undefined)
    .orderBy(sql`${assets.name} collate nocase`, asc(assets.id))
    .limit(CHOICES_LIMIT);
}

/** Assets by id, for names in messages. */
export async function assetNames(db: Pick<Db, "select">, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: assets.id, name: assets.name })
    .from(assets)
    .where(inArray(assets.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}
