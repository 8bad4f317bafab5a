import { and, eq } from "drizzle-orm";
import { type Actor, systemActor } from "../../kit/actor.ts";
import { normalizeHostname, normalizeIpAddress } from "../../lib/network-names.ts";
import type { HostRecord } from "../../monitor/host-identity.ts";
import { MAX_IP_ADDRESSES } from "./input.ts";
import { assets, MANAGED_BY_WARDEN } from "./schema.ts";
import { type AssetDeps, type AssetView, createAsset, findAssetView, updateAsset } from "./service.ts";

/** The fields Warden keeps current on its own asset; everything else is the users'. */
function currentFacts(host: HostRecord) {
  const addresses = host.ipAddresses.map(normalizeIpAddress).filter((ip): ip is string => ip !== null);
  return {
    hostname: normalizeHostname(host.hostname) ?? "",
    os: host.os.trim().slice(0, 120),
    ipAddresses: [...new Set(addresses)].slice(0, MAX_IP_ADDRESSES),
  };
}

/** The asset Warden registered for the host of `machineKey` ({@link registerHost}), or null when there is none. */
export async function managedAssetId(db: AssetDeps["db"], machineKey: string): Promise<string | null> {
  const [row] = await db.select({ id: assets.id }).from(assets).where(managedBy(machineKey)).limit(1);
  return row?.id ?? null;
}

/** The asset Warden keeps for the host of `machineKey`. */
function managedBy(machineKey: string) {
  return and(eq(assets.managedBy, MANAGED_BY_WARDEN), eq(assets.managedKey, machineKey));
}

/**
 * Registers the host Warden runs on as a `server` asset marked `managedBy: "warden"`, or
 * brings that asset's host name, OS and addresses up to date when they changed (audited
 * as the system actor). Name, criticality (`medium` at first), lifecycle status, owner,
 * tags and description are set once and then left to the users. Answers what it did, and the asset.
 */
export async function registerHost(
  deps: AssetDeps,
  host: HostRecord,
  actor: Actor = systemActor(),
): Promise<{ action: "created" | "updated" | "unchanged"; asset: AssetView }> {
  const facts = currentFacts(host);
  for (let attempt = 1; ; attempt++) {
    const [existing] = await deps.db.select().from(assets).where(managedBy(host.machineKey)).limit(1);
    try {
      if (!existing) {
        const name = host.hostname.trim().slice(0, 120) || facts.hostname || "Warden host";
        const asset = await createAsset(
          deps,
          actor,
          {
            name,
            assetType: "server",
            criticality: "medium",
            status: "active",
            ownerUserId: null,
            ownerText: null,
            location: "",
            tags: [],
            description: "",
            ...facts,
          },
          undefined,
          { managedBy: MANAGED_BY_WARDEN, managedKey: host.machineKey },
        );
        return { action: "created", asset };
      }
      const changed = Object.fromEntries(
        Object.entries(facts).filter(
          ([key, value]) => JSON.stringify(value) !== JSON.stringify(existing[key as keyof typeof facts]),
        ),
      );
      if (Object.keys(changed).length === 0)
        return { action: "unchanged", asset: await findAssetView(deps, existing.id) };
      const asset = await updateAsset(deps, actor, existing.id, { version: existing.version, ...changed });
      return { action: "updated", asset };
    } catch (error) {
      // Another Warden on the same database, or a user, was first: read again once.
      if (attempt >= 2) throw error;
    }
  }
}
