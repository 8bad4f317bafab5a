import { and, eq, inArray, isNull, ne, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import type { RecordReader } from "../../kit/record-lookup.ts";
import { chunks } from "../../lib/chunks.ts";
import { Validation } from "../../lib/errors.ts";
import { normalizeHostname } from "../../lib/network-names.ts";
import { assets } from "../assets/schema.ts";
import { vulnerabilities, vulnerabilityAssets } from "./schema.ts";

/** Ids per statement: well under SQLite's limit on parameters. */
const CHUNK = 500;

/** The vulnerability (not deleted) that holds `cveId`, other than `exceptId`; null when the id is free. */
export async function isCveTaken(db: RecordReader, cveId: string, exceptId?: string) {
  const [row] = await db
    .select({ id: vulnerabilities.id, title: vulnerabilities.title })
    .from(vulnerabilities)
    .where(
      and(
        eq(vulnerabilities.cveId, cveId),
        isNull(vulnerabilities.deletedAt),
        exceptId ? ne(vulnerabilities.id, exceptId) : undefined,
      ),
    )
    .limit(1);
  return row ?? null;
}

/** The message for a CVE id another vulnerability holds. */
export function cveTakenMessage(cveId: string, holder: { title: string }): string {
  return `${cveId} is recorded already, as “${holder.title}”: add the affected assets to that one instead.`;
}

/**
 * Refuses (422 on `cveId`) a CVE id that another vulnerability holds: one record per CVE,
 * listing every asset it affects.
 */
export async function checkCveFree(db: RecordReader, cveId: string | null, exceptId?: string): Promise<void> {
  if (!cveId) return;
  const holder = await isCveTaken(db, cveId, exceptId);
  if (holder) throw new Validation({ cveId: cveTakenMessage(cveId, holder) });
}

/** Refuses (422 on `assetIds`) ids that are not assets (never created, or deleted meanwhile). */
export async function checkAffectedAssets(db: RecordReader, ids: string[]): Promise<void> {
  const found = new Set<string>();
  for (const part of chunks(ids, CHUNK))
    for (const row of await db.select({ id: assets.id }).from(assets).where(inArray(assets.id, part)))
      found.add(row.id);
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length > 0)
    throw new Validation({
      assetIds: `No asset ${missing.slice(0, 3).join(", ")}${missing.length > 3 ? ` and ${missing.length - 3} more` : ""}: choose assets that exist.`,
    });
}

/** Links `vulnerabilityId` to each of `assetIds` (checked before). */
export async function writeAffectedAssets(
  tx: Pick<Db, "insert">,
  vulnerabilityId: string,
  assetIds: string[],
): Promise<void> {
  for (const part of chunks(assetIds, CHUNK))
    await tx.insert(vulnerabilityAssets).values(part.map((assetId) => ({ vulnerabilityId, assetId })));
}

/** Lower case for ASCII letters only, the way SQLite's lower() folds. */
function asciiLower(text: string): string {
  return text.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/** An asset as an import names it: its id, its host name or its name. */
export interface AssetMatch {
  id: string;
  name: string;
}

/**
 * Finds the assets named by `refs` (an id, a host name — any case — or a name — any case
 * for ASCII), an id first. Each ref maps to its one asset, to the several assets it could
 * mean (ambiguous), or to none.
 */
export async function matchAssets(db: RecordReader, refs: string[]): Promise<Map<string, AssetMatch[]>> {
  const wanted = [...new Set(refs)];
  const hosts = [...new Set(wanted.map(normalizeHostname).filter((h): h is string => h !== null))];
  const names = [...new Set(wanted.map(asciiLower))];
  const byId = new Map<string, AssetMatch>();
  const byKey = new Map<string, Map<string, AssetMatch>>();
  const remember = (key: string, asset: AssetMatch) =>
    byKey.getOrInsertComputed(key, () => new Map()).set(asset.id, asset);
  const columns = { id: assets.id, name: assets.name, hostname: assets.hostname };
  for (const part of chunks(wanted, CHUNK))
    for (const row of await db.select(columns).from(assets).where(inArray(assets.id, part)))
      byId.set(row.id, { id: row.id, name: row.name });
  for (const part of chunks(hosts, CHUNK))
    for (const row of await db.select(columns).from(assets).where(inArray(assets.hostname, part)))
      remember(`host:${row.hostname}`, { id: row.id, name: row.name });
  for (const part of chunks(names, CHUNK))
    for (const row of await db
      .select(columns)
      .from(assets)
      // SQLite's lower() folds ASCII letters only (as the LIKE search does).
      .where(inArray(sql`lower(${assets.name})`, part)))
      remember(`name:${asciiLower(row.name)}`, { id: row.id, name: row.name });
  const result = new Map<string, AssetMatch[]>();
  for (const ref of wanted) {
    const exact = byId.get(ref);
    if (exact) {
      result.set(ref, [exact]);
      continue;
    }
    const found = new Map([
      ...(byKey.get(`host:${normalizeHostname(ref)}`) ?? []),
      ...(byKey.get(`name:${asciiLower(ref)}`) ?? []),
    ]);
    result.set(ref, [...found.values()]);
  }
  return result;
}
