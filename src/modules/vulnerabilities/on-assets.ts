import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { withAssetIds } from "../../kit/linked-assets.ts";
import type { Severity } from "../../lib/severity.ts";
import { OPEN_VULNERABILITY_STATUSES, vulnerabilities, vulnerabilityAssets } from "./schema.ts";

/** An open vulnerability on some of the assets asked about. */
export interface OpenVulnerabilityOnAssets {
  id: string;
  cveId: string | null;
  title: string;
  cvssScore: number | null;
  severity: Severity;
  dueAt: number | null;
  /** The assets asked about that it is on. */
  assetIds: string[];
}

/**
 * The open (open or in progress), not deleted vulnerabilities on any of `assetIds`, each
 * once with the ones of `assetIds` it is on. One query through the asset index of the links.
 */
export async function openVulnerabilitiesOn(
  db: Pick<Db, "select">,
  assetIds: readonly string[],
): Promise<OpenVulnerabilityOnAssets[]> {
  if (assetIds.length === 0) return [];
  const rows = await db
    .select({
      id: vulnerabilities.id,
      cveId: vulnerabilities.cveId,
      title: vulnerabilities.title,
      cvssScore: vulnerabilities.cvssScore,
      severity: vulnerabilities.severity,
      dueAt: vulnerabilities.dueAt,
      assetId: vulnerabilityAssets.assetId,
    })
    .from(vulnerabilityAssets)
    .innerJoin(vulnerabilities, eq(vulnerabilities.id, vulnerabilityAssets.vulnerabilityId))
    .where(
      and(
        inArray(vulnerabilityAssets.assetId, [...assetIds]),
        // Unary + keeps these terms off the status and list indexes (SQLite's documented way):
        // the few links of the assets are the way in, not every open vulnerability.
        sql`+${vulnerabilities.deletedAt} is null`,
        inArray(sql`+${vulnerabilities.status}`, [...OPEN_VULNERABILITY_STATUSES]),
      ),
    )
    .orderBy(vulnerabilityAssets.vulnerabilityId);
  return withAssetIds(rows);
}
