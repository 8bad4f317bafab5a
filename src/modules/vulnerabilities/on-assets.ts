import { and, getTableColumns, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { recordsOnAssets } from "../../kit/linked-assets.ts";
import {
  OPEN_VULNERABILITY_STATUSES,
  type Vulnerability,
  vulnerabilities,
  vulnerabilityAssets,
} from "./schema.ts";

/** An open vulnerability on some of the assets asked about. */
export type OpenVulnerabilityOnAssets = Pick<
  Vulnerability,
  "id" | "cveId" | "title" | "cvssScore" | "severity" | "dueAt"
> & {
  /** The assets asked about that it is on. */
  assetIds: string[];
};

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
