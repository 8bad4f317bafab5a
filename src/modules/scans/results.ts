import { count, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/client.ts";
import type { Actor } from "../../kit/actor.ts";
import { assertCan } from "../../kit/rbac.ts";
import { foundOr404 } from "../../kit/record-lookup.ts";
import { readPage } from "../../lib/list-page.ts";
import { MAX_PAGE_SIZE, type Page } from "../../lib/list-query.ts";
import { scanHosts } from "./hosts-schema.ts";
import { type ScanPort, scanPorts } from "./ports-schema.ts";
import { scans } from "./schema.ts";

/** A page of a scan's results (`page`, `pageSize` ≤ 200, as every list of the API). */
export const scanResultsQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(50),
});

/** A parsed results page request. */
export type ScanResultsQuery = z.infer<typeof scanResultsQuerySchema>;

/** A host that answered, with how many of its ports were open. */
export interface ScanHostRow {
  address: string;
  openCount: number;
}

/** An open port a scan found. */
export type ScanPortRow = Omit<ScanPort, "scanId">;

/** A page of a scan's hosts and a page of its open ports (what the scan page shows). */
export interface ScanResults {
  hosts: Page<ScanHostRow>;
  ports: Page<ScanPortRow>;
}

async function assertScan(db: Db, actor: Actor, id: string): Promise<void> {
  assertCan(actor, "read", "scans");
  const [row] = await db.select({ id: scans.id }).from(scans).where(eq(scans.id, id)).limit(1);
  foundOr404(row, "scan", id);
}

/** A page of the hosts that answered scan `id`, by address (admins); 404 when unknown. */
export async function listScanHosts(
  db: Db,
  actor: Actor,
  id: string,
  query: ScanResultsQuery,
): Promise<Page<ScanHostRow>> {
  await assertScan(db, actor, id);
  const where = eq(scanHosts.scanId, id);
  return readPage(
    query,
    db.select({ n: count() }).from(scanHosts).where(where),
    db
      .select({ address: scanHosts.address, openCount: scanHosts.openCount })
      .from(scanHosts)
      .where(where)
      .orderBy(scanHosts.address),
  );
}

/** A page of the open ports scan `id` found, by host then port (admins); 404 when unknown. */
export async function listScanPorts(
  db: Db,
  actor: Actor,
  id: string,
  query: ScanResultsQuery,
): Promise<Page<ScanPortRow>> {
  await assertScan(db, actor, id);
  const where = eq(scanPorts.scanId, id);
  return readPage(
    query,
    db.select({ n: count() }).from(scanPorts).where(where),
    db
      .select({
        host: scanPorts.host,
        port: scanPorts.port,
        service: scanPorts.service,
        banner: scanPorts.banner,
        foundAt: scanPorts.foundAt,
      })
      .from(scanPorts)
      .where(where)
      .orderBy(scanPorts.host, scanPorts.port),
  );
}
