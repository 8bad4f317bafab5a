import { eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import type { ActionResult } from "../hosts/action-protocol.ts";
import { scanHosts } from "./hosts-schema.ts";
import { scanPorts } from "./ports-schema.ts";
import { scans } from "./schema.ts";

/** What an agent answers when its scan ends (the `scan.run` result of the agent protocol). */
export type RemoteScanResult = ActionResult<"scan.run">;

/**
 * A scan another host runs (its agent): the host's name for what the scan tells the SOC,
 * and `run`, which asks the agent and resolves with its answer (or rejects with its
 * refusal, an AppError). The hub cannot stop an agent's scan: a cancelled one's answer is
 * dropped.
 */
export interface RemoteScan {
  hostName: string;
  run: () => Promise<RemoteScanResult>;
}

/**
 * Stores an agent's scan result as a local scan's are stored, in one transaction: its open
 * ports (found when the answer came), the hosts with an open port (an agent reports no
 * other answers) and the counts.
 */
export async function storeRemoteResult(db: Db, scanId: string, result: RemoteScanResult): Promise<void> {
  const foundAt = Date.now();
  const perHost = new Map<string, number>();
  for (const { host } of result.ports) perHost.set(host, (perHost.get(host) ?? 0) + 1);
  await db.transaction(async (tx) => {
    if (result.ports.length > 0)
      await tx
        .insert(scanPorts)
        .values(result.ports.map((p) => ({ scanId, ...p, foundAt })))
        .onConflictDoNothing();
    if (perHost.size > 0)
      await tx
        .insert(scanHosts)
        .values([...perHost].map(([address, openCount]) => ({ scanId, address, openCount })))
        .onConflictDoNothing();
    await tx
      .update(scans)
      .set({
        hostCount: result.hosts,
        hostsUp: perHost.size,
        portsTotal: result.probes,
        portsDone: result.probes,
        openCount: result.open,
        closedCount: result.closed,
        filteredCount: result.filtered,
      })
      .where(eq(scans.id, scanId));
  });
}

/** Resolves (with null) when `signal` aborts: the scan was cancelled or Warden stops. */
export function whenAborted(signal: AbortSignal): Promise<null> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve(null);
    else signal.addEventListener("abort", () => resolve(null), { once: true });
  });
}
