import { count, eq, getTableColumns, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/client.ts";
import type { Actor } from "../../kit/actor.ts";
import { assertCan } from "../../kit/rbac.ts";
import { findRow } from "../../kit/record-lookup.ts";
import { type Page, type Pageable, pageFields, readPage } from "../../lib/list-query.ts";
import { scanHosts } from "./hosts-schema.ts";
import { type ScanPort, scanPorts } from "./ports-schema.ts";
import { scans } from "./schema.ts";

/** A page of a scan's results (`page`, `pageSize` ≤ 200, as every list of the API). */
export const scanResultsQuerySchema = z.object(pageFields);

/** A parsed results page request. */
export type ScanResultsQuery = z.infer<typeof scanResultsQuerySchema>;

/** A host that answered, with how many of its ports were open. */
export type ScanHostRow = Omit<typeof scanHosts.$inferSelect, "scanId">;

/** An open port a scan found. */
export type ScanPortRow = Omit<ScanPort, "scanId">;

/** A page of a scan's hosts and a page of its open ports (what the scan page shows). */
export interface ScanResults {
  hosts: Page<ScanHostRow>;
  ports: Page<ScanPortRow>;
}

/**
 * A page of scan `id`'s results in `table` (admins); 404 when the scan is unknown. `rows`
 * selects them, in their order, from those matching `where`.
 */
async function resultsPage<R>(
  db: Db,
  actor: Actor,
  id: string,
  query: ScanResultsQuery,
  table: typeof scanHosts | typeof scanPorts,
  rows: (where: SQL) => Pageable<R>,
): Promise<Page<R>> {
  assertCan(actor, "read", "scans");
  await findRow(db, scans, "scan", id);
  const where = eq(table.scanId, id);
  return readPage(query, db.select({ n: count() }).from(table).where(where), rows(where));
}

/** A page of the hosts that answered scan `id`, by address (admins); 404 when unknown. */
export function listScanHosts(
  db: Db,
  actor: Actor,
  id: string,
  query: ScanResultsQuery,
): Promise<Page<ScanHostRow>> {
  return resultsPage(db, actor, id, query, scanHosts, (where) =>
    db
      .select({ address: scanHosts.address, openCount: scanHosts.openCount })
      .from(scanHosts)
      .where(where)
      .orderBy(scanHosts.address),
  );
}

/** A page of the open ports scan `id` found, by host then port (admins); 404 when unknown. */
export function listScanPorts(
  db: Db,
  actor: Actor,
  id: string,
  query: ScanResultsQuery,
): Promise<Page<ScanPortRow>> {
  const { scanId: _scan, ...columns } = getTableColumns(scanPorts);
  return resultsPage(db, actor, id, query, scanPorts, (where) =>
    db.select(columns).from(scanPorts).where(where).orderBy(scanPorts.host, scanPorts.port),
  );
}
