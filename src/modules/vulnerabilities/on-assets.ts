import { and, getTableColumns, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { recordsOnAssets } from "../../kit/linked-assets.ts";
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
  const { id, cveId, title, cvssScore, severity, dueAt } = getTableColumns(vulnerabilities);
  const { assetId, vulnerabilityId } = getTableColumns(vulnerabilityAssets);
  return recordsOnAssets<Omit<OpenVulnerabilityOnAssets, "assetIds">>(
    db,
    assetIds,
    { table: vulnerabilityAssets, assetId, recordId: vulnerabilityId },
    {
      table: vulnerabilities,
      fields: { id, cveId, title, cvssScore, severity, dueAt },
      // Unary + keeps these terms off the status and list indexes (SQLite's documented way):
      // the few links of the assets are the way in, not every open vulnerability.
      where: and(
        sql`+${vulnerabilities.deletedAt} is null`,
        inArray(sql`+${vulnerabilities.status}`, [...OPEN_VULNERABILITY_STATUSES]),
      ),
      orderBy: [vulnerabilityId],
    },
  );
}
