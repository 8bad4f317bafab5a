import { and, eq, gte, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { scanPorts } from "./ports-schema.ts";
import { scans } from "./schema.ts";

/**
 * The ports found newly open since `since` (Unix ms) on any of `hosts` (addresses or names,
 * compared without case): open in a completed scan started since then and not open in the
 * previous completed scan of the same target from the same host (as {@link scanDiff} compares; the first scan of
 * a target finds nothing new). Each host and port once, from its newest such scan. One query:
 * the ports by the host index, their scans by id, the previous scan by the target index.
 */
export async function newlyOpenPortsOn(db: Pick<Db, "select">, hosts: readonly string[], since: number) {
  if (hosts.length === 0) return [];
  const previousScan = sql`(select p.id from ${scans} p where p.target = ${scans.target} and p.host_id = ${scans.hostId} and p.status = 'completed' and p.created_at < ${scans.createdAt} order by p.created_at desc, p.id desc limit 1)`;
  const rows = await db
    .select({
      scanId: scans.id,
      scannedAt: scans.createdAt,
      host: scanPorts.host,
      port: scanPorts.port,
      service: scanPorts.service,
    })
    .from(scanPorts)
    .innerJoin(scans, eq(scans.id, scanPorts.scanId))
    .where(
      and(
        eq(scans.status, "completed"),
        gte(scans.createdAt, since),
        inArray(sql`lower(${scanPorts.host})`, [...hosts]),
        sql`${previousScan} is not null`,
        sql`not exists (select 1 from ${scanPorts} b where b.scan_id = ${previousScan} and b.host = ${scanPorts.host} and b.port = ${scanPorts.port})`,
      ),
    );
  // Newest scan first, sorted here: an ORDER BY would draw the planner to the scans' time
  // index (every port of every scan of the period) over the ports' host index.
  rows.sort((a, b) => b.scannedAt - a.scannedAt || a.host.localeCompare(b.host) || a.port - b.port);
  const seen = new Set<string>();
  return rows.filter((r) => {
    const key = `${r.host} ${r.port}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A port a scan found open on a host where the previous scan of the same target did not; `scannedAt`: when that scan started. */
export type NewOpenPort = Awaited<ReturnType<typeof newlyOpenPortsOn>>[number];
