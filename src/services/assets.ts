import { and, asc, count, eq, inArray, notInArray, type SQL, sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { type Asset, assetRelations, assets, CRITICALITIES } from "../db/schema/assets.ts";
import { users } from "../db/schema/users.ts";
import { AppError, Conflict, NotFound, Validation } from "../lib/errors.ts";
import { containsText, orderByOf, type Page, rankOf } from "../lib/list-query.ts";
import type { Bus } from "../realtime/bus.ts";
import type { Actor } from "./actor.ts";
import type { AssetPatch, AssetQuery, NewAsset } from "./asset-schemas.ts";
import { type Changes, type RequestFacts, recordAudit } from "./audit.ts";
import { assertCan } from "./rbac.ts";
import { activePeople } from "./users.ts";

/** What asset services need. */
export interface AssetDeps {
  db: Db;
  bus?: Bus;
}

/** An asset as the API and pages show it (the managed key stays inside). */
export type AssetView = Omit<Asset, "managedKey"> & {
  /** The owner: a user (with id) or a free-text name; null when nobody owns it. */
  owner: { id: string | null; name: string } | null;
};

/** Another asset, as a dependency or dependent names it. */
export type AssetRef = Pick<Asset, "id" | "name" | "assetType" | "criticality" | "status">;

/** An asset with what it depends on and what depends on it, each sorted by name. */
export type AssetDetails = AssetView & { dependencies: AssetRef[]; dependents: AssetRef[] };

/** The fields of an asset a patch can change. */
type Field = Exclude<keyof AssetPatch, "version">;

const SORT_COLUMNS = {
  name: sql`${assets.name} collate nocase`,
  assetType: assets.assetType,
  // Ranked so "-criticality" (descending) reads "most critical first".
  criticality: rankOf(assets.criticality, [...CRITICALITIES].reverse()),
  status: rankOf(assets.status, ["planned", "active", "maintenance", "retired"]),
  hostname: assets.hostname,
  createdAt: assets.createdAt,
  updatedAt: assets.updatedAt,
};

type Joined = { asset: Asset; ownerName: string | null };

function toView({ asset, ownerName }: Joined): AssetView {
  const { managedKey: _key, ...rest } = asset;
  const owner = asset.ownerUserId
    ? { id: asset.ownerUserId, name: ownerName ?? "" }
    : asset.ownerText
      ? { id: null, name: asset.ownerText }
      : null;
  return { ...rest, owner };
}

function joined(db: Db) {
  return db
    .select({ asset: assets, ownerName: users.displayName })
    .from(assets)
    .leftJoin(users, eq(users.id, assets.ownerUserId));
}

function filtersOf(query: AssetQuery): SQL | undefined {
  const conditions: (SQL | undefined)[] = [];
  if (query.assetType) conditions.push(eq(assets.assetType, query.assetType));
  if (query.criticality) conditions.push(eq(assets.criticality, query.criticality));
  if (query.status) conditions.push(eq(assets.status, query.status));
  if (query.tag)
    conditions.push(sql`exists (select 1 from json_each(${assets.tags}) where value = ${query.tag})`);
  if (query.q)
    conditions.push(
      containsText(
        [assets.name, assets.hostname, assets.ipAddresses, assets.os, assets.location, assets.tags],
        query.q,
      ),
    );
  return and(...conditions);
}

/** A page of assets, filtered and sorted (every role that reads assets). */
export async function listAssets(deps: AssetDeps, actor: Actor, query: AssetQuery): Promise<Page<AssetView>> {
  assertCan(actor, "read", "assets");
  const where = filtersOf(query);
  const [total] = await deps.db.select({ n: count() }).from(assets).where(where);
  const rows = await joined(deps.db)
    .where(where)
    .orderBy(...orderByOf(query.sort, SORT_COLUMNS, assets.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  return { items: rows.map(toView), total: total?.n ?? 0, page: query.page, pageSize: query.pageSize };
}

/** Every asset matching the filters (no paging), for an export. */
export async function exportAssets(deps: AssetDeps, actor: Actor, query: AssetQuery): Promise<AssetView[]> {
  assertCan(actor, "read", "assets");
  const rows = await joined(deps.db)
    .where(filtersOf(query))
    .orderBy(...orderByOf(query.sort, SORT_COLUMNS, assets.id));
  return rows.map(toView);
}

/** One asset as shown; 404 when there is none. */
export async function findAssetView(db: Db, assetId: string): Promise<AssetView> {
  const [row] = await joined(db).where(eq(assets.id, assetId)).limit(1);
  if (!row) throw new NotFound(`No asset ${assetId}.`);
  return toView(row);
}

const refColumns = {
  id: assets.id,
  name: assets.name,
  assetType: assets.assetType,
  criticality: assets.criticality,
  status: assets.status,
};

/** What `assetId` depends on and what depends on it. */
export async function relationsOf(
  db: Pick<Db, "select">,
  assetId: string,
): Promise<{ dependencies: AssetRef[]; dependents: AssetRef[] }> {
  const dependencies = await db
    .select(refColumns)
    .from(assetRelations)
    .innerJoin(assets, eq(assets.id, assetRelations.dependsOnId))
    .where(eq(assetRelations.assetId, assetId))
    .orderBy(sql`${assets.name} collate nocase`, asc(assets.id));
  const dependents = await db
    .select(refColumns)
    .from(assetRelations)
    .innerJoin(assets, eq(assets.id, assetRelations.assetId))
    .where(eq(assetRelations.dependsOnId, assetId))
    .orderBy(sql`${assets.name} collate nocase`, asc(assets.id));
  return { dependencies, dependents };
}

/** One asset with its dependencies and dependents. */
export async function getAsset(deps: AssetDeps, actor: Actor, assetId: string): Promise<AssetDetails> {
  assertCan(actor, "read", "assets");
  const view = await findAssetView(deps.db, assetId);
  return { ...view, ...(await relationsOf(deps.db, assetId)) };
}

/** Refuses an owner that is not an active user. */
async function checkOwner(db: Db, userId: string | null | undefined): Promise<void> {
  if (!userId) return;
  const [user] = await db
    .select({ isActive: users.isActive })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  if (!user?.isActive) throw new Validation({ ownerUserId: "Choose an active user." });
}

/** Publishes an asset event on the `assets` topic. */
export function announceAsset(deps: AssetDeps, name: string, asset: { id: string; version: number }): void {
  deps.bus?.publish("assets", name, { id: asset.id, version: asset.version });
}

/** Options of a create that only Warden itself uses (the host it registers). */
export interface ManagedBy {
  managedBy: string;
  managedKey: string;
}

/** Adds an asset (analysts and up); audited. */
export async function createAsset(
  deps: AssetDeps,
  actor: Actor,
  input: NewAsset,
  request?: RequestFacts,
  managed?: ManagedBy,
): Promise<AssetView> {
  assertCan(actor, "create", "assets");
  await checkOwner(deps.db, input.ownerUserId);
  const now = Date.now();
  const assetId = Bun.randomUUIDv7();
  await deps.db.insert(assets).values({
    id: assetId,
    ...input,
    managedBy: managed?.managedBy ?? null,
    managedKey: managed?.managedKey ?? null,
    createdAt: now,
    updatedAt: now,
  });
  await recordAudit(deps.db, {
    actor,
    action: "asset.create",
    resourceType: "asset",
    resourceId: assetId,
    changes: {
      name: { before: null, after: input.name },
      assetType: { before: null, after: input.assetType },
      criticality: { before: null, after: input.criticality },
      ...(managed ? { managedBy: { before: null, after: managed.managedBy } } : {}),
    },
    request,
  });
  announceAsset(deps, "asset.created", { id: assetId, version: 1 });
  return findAssetView(deps.db, assetId);
}

const staleMessage = (now: number, sent: number) =>
  `The asset was changed by someone else (now version ${now}, you sent ${sent}). Reload it and apply your change again.`;

function same(a: unknown, b: unknown): boolean {
  return Array.isArray(a) && Array.isArray(b) ? a.join("\u0000") === b.join("\u0000") : a === b;
}

/** The owner fields a patch sets: naming either one replaces the owner as a whole. */
function ownerOf(patch: AssetPatch): Partial<Pick<Asset, "ownerUserId" | "ownerText">> {
  if (patch.ownerUserId === undefined && patch.ownerText === undefined) return {};
  return { ownerUserId: patch.ownerUserId ?? null, ownerText: patch.ownerText ?? null };
}

/** Edits an asset (analysts and up) against the version read; audited. */
export async function updateAsset(
  deps: AssetDeps,
  actor: Actor,
  assetId: string,
  patch: AssetPatch,
  request?: RequestFacts,
): Promise<AssetView> {
  assertCan(actor, "update", "assets");
  const [before] = await deps.db.select().from(assets).where(eq(assets.id, assetId)).limit(1);
  if (!before) throw new NotFound(`No asset ${assetId}.`);
  const { version, ...fields } = patch;
  if (version === undefined)
    throw new AppError(
      428,
      "precondition_required",
      "Version required",
      "Send the version you read, as the field version or an If-Match header, so a change made meanwhile is not overwritten.",
    );
  if (version !== before.version) throw new Conflict(staleMessage(before.version, version));
  const wanted = { ...fields, ...ownerOf(patch) } as Partial<Record<Field, unknown>>;
  const changes: Changes = {};
  for (const [key, value] of Object.entries(wanted) as [Field, unknown][]) {
    if (value !== undefined && !same(value, before[key]))
      changes[key] = { before: before[key], after: value };
  }
  if (Object.keys(changes).length === 0) return findAssetView(deps.db, assetId);
  if (changes.ownerUserId) await checkOwner(deps.db, wanted.ownerUserId as string | null);
  const updated = await deps.db
    .update(assets)
    .set({
      ...Object.fromEntries(Object.entries(changes).map(([k, c]) => [k, c.after])),
      updatedAt: Date.now(),
      version: sql`${assets.version} + 1`,
    })
    .where(and(eq(assets.id, assetId), eq(assets.version, version)))
    .returning({ version: assets.version });
  if (updated.length === 0) {
    const [now] = await deps.db
      .select({ version: assets.version })
      .from(assets)
      .where(eq(assets.id, assetId));
    if (!now) throw new NotFound(`No asset ${assetId}.`);
    throw new Conflict(staleMessage(now.version, version));
  }
  await recordAudit(deps.db, {
    actor,
    action: "asset.update",
    resourceType: "asset",
    resourceId: assetId,
    changes: { ...changes, ...(changes.description ? { description: { before: "…", after: "…" } } : {}) },
    request,
  });
  announceAsset(deps, "asset.updated", { id: assetId, version: before.version + 1 });
  return findAssetView(deps.db, assetId);
}

/** "a", "a and b", "a, b and 3 more": the names of a refusal, kept short. */
function nameList(names: string[], max = 3): string {
  const quoted = names.map((n) => `“${n}”`);
  if (quoted.length <= 1) return quoted.join("");
  if (quoted.length <= max) return `${quoted.slice(0, -1).join(", ")} and ${quoted.at(-1)}`;
  return `${quoted.slice(0, max).join(", ")} and ${quoted.length - max} more`;
}

/**
 * Deletes an asset for good (admins), with its own dependencies, in one transaction.
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
  const before = await deps.db.transaction(async (tx) => {
    const [asset] = await tx.select().from(assets).where(eq(assets.id, assetId)).limit(1);
    if (!asset) throw new NotFound(`No asset ${assetId}.`);
    const { dependencies, dependents } = await relationsOf(tx, assetId);
    if (dependents.length > 0) {
      const verb = dependents.length === 1 ? "depends" : "depend";
      throw new Conflict(
        `“${asset.name}” cannot be deleted: ${nameList(dependents.map((d) => d.name))} ${verb} on it. Remove those dependencies first.`,
      );
    }
    await tx.delete(assetRelations).where(eq(assetRelations.assetId, assetId));
    await tx.delete(assets).where(eq(assets.id, assetId));
    return { asset, dependencies };
  });
  const { asset, dependencies } = before;
  await recordAudit(deps.db, {
    actor,
    action: "asset.delete",
    resourceType: "asset",
    resourceId: assetId,
    changes: {
      name: { before: asset.name, after: null },
      assetType: { before: asset.assetType, after: null },
      hostname: { before: asset.hostname, after: null },
      ipAddresses: { before: asset.ipAddresses, after: null },
      dependsOn: { before: dependencies.map((d) => d.id), after: null },
    },
    request,
  });
  announceAsset(deps, "asset.deleted", { id: assetId, version: asset.version });
}

/** People who can own an asset (every role that reads assets). */
export async function assetOwners(deps: AssetDeps, actor: Actor): Promise<{ id: string; name: string }[]> {
  assertCan(actor, "read", "assets");
  return activePeople(deps.db);
}

/** The most assets a choice list offers (a dependency picker). */
const CHOICES_LIMIT = 1000;

/** Every asset's id and name by name (up to 1000), except `exclude`: what a dependency picker offers. */
export async function assetChoices(
  deps: AssetDeps,
  actor: Actor,
  exclude: string[] = [],
): Promise<{ id: string; name: string }[]> {
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
