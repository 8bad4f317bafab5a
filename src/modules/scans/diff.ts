import { and, desc, eq, lt } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { parsePortSpec } from "./ports.ts";
import { type ScanPort, scanPorts } from "./ports-schema.ts";
import { type Scan, scans } from "./schema.ts";

/** An open port as a diff lists it. */
export type DiffPort = Pick<ScanPort, "host" | "port" | "service">;

/** What changed since the previous completed scan of the same target from the same host. */
export interface ScanDiff {
  /** The scan compared with; null when this is the first completed scan of its target from its host. */
  previous: { id: string; createdAt: number } | null;
  /** Open now, not open before. */
  newlyOpen: DiffPort[];
  /** Open before, not open now (only ports this scan covered). */
  newlyClosed: DiffPort[];
}

async function openPorts(db: Db, scanId: string): Promise<DiffPort[]> {
  return db
    .select({ host: scanPorts.host, port: scanPorts.port, service: scanPorts.service })
    .from(scanPorts)
    .where(eq(scanPorts.scanId, scanId))
    .orderBy(scanPorts.host, scanPorts.port);
}

const keyOf = (p: DiffPort) => `${p.host} ${p.port}`;

/**
 * Compares a scan with the previous completed scan of the same target from the same host
 * (none: nothing is new). Scans from different hosts are never compared: 127.0.0.1 seen from
 * an agent's host is another machine.
 */
export async function scanDiff(
  db: Db,
  scan: Pick<Scan, "id" | "target" | "hostId" | "createdAt" | "ports">,
): Promise<ScanDiff> {
  const [previous] = await db
    .select({ id: scans.id, createdAt: scans.createdAt })
    .from(scans)
    .where(
      and(
        eq(scans.target, scan.target),
        eq(scans.hostId, scan.hostId),
        eq(scans.status, "completed"),
        lt(scans.createdAt, scan.createdAt),
      ),
    )
    .orderBy(desc(scans.createdAt), desc(scans.id))
    .limit(1);
  if (!previous) return { previous: null, newlyOpen: [], newlyClosed: [] };
  const [now, before] = await Promise.all([openPorts(db, scan.id), openPorts(db, previous.id)]);
  const nowKeys = new Set(now.map(keyOf));
  const beforeKeys = new Set(before.map(keyOf));
  const spec = parsePortSpec(scan.ports);
  const covered = new Set(spec.ok ? spec.ports : []);
  return {
    previous,
    newlyOpen: now.filter((p) => !beforeKeys.has(keyOf(p))),
    newlyClosed: before.filter((p) => !nowKeys.has(keyOf(p)) && covered.has(p.port)),
  };
}
