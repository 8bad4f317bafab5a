import { inArray } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { assets } from "./schema.ts";

/**
 * The assets among `ids` that exist, each by the names it goes by on the network: its host
 * name and IP addresses (`addresses`, lower case, blanks left out), what alerts and scans
 * name a host by. One query on the primary key.
 */
export async function assetHosts(db: Pick<Db, "select">, ids: readonly string[]) {
  if (ids.length === 0) return [];
  const rows = await db
    .select({ id: assets.id, name: assets.name, hostname: assets.hostname, ips: assets.ipAddresses })
    .from(assets)
    .where(inArray(assets.id, [...ids]));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    addresses: [
      ...new Set([r.hostname, ...r.ips].map((a) => a.trim().toLowerCase()).filter((a) => a !== "")),
    ],
  }));
}

/** The tags of the assets among `ids` that exist, by asset id. One query on the primary key. */
export async function assetTags(
  db: Pick<Db, "select">,
  ids: readonly string[],
): Promise<Map<string, string[]>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: assets.id, tags: assets.tags })
    .from(assets)
    .where(inArray(assets.id, [...ids]));
  return new Map(rows.map((r) => [r.id, r.tags]));
}
