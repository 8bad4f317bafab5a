import { isNull } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import type { AgentHost } from "../../monitor/host-directory.ts";
import { assetTags } from "../assets/hosts.ts";
import { hosts } from "./schema.ts";

/**
 * Every enrolled (not revoked) agent host with the tags of its CMDB asset: what alert rules
 * scoped by host id or tag match against. Two queries, whatever the number of hosts.
 */
export async function agentHostsForRules(db: Db): Promise<AgentHost[]> {
  const rows = await db
    .select({ id: hosts.id, hostname: hosts.hostname, assetId: hosts.assetId })
    .from(hosts)
    .where(isNull(hosts.revokedAt));
  const tags = await assetTags(
    db,
    rows.flatMap((r) => (r.assetId ? [r.assetId] : [])),
  );
  return rows.map((r) => ({
    id: r.id,
    hostname: r.hostname,
    tags: (r.assetId && tags.get(r.assetId)) || [],
  }));
}
