import { and, gte, inArray, isNull, ne, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { type Alert, alerts } from "./alerts-schema.ts";

/** An alert raised on one of the hosts asked about. */
export type AlertOnHost = Pick<
  Alert,
  "id" | "title" | "severity" | "source" | "status" | "lastSeen" | "count"
> & {
  /** The host it names, lower case. */
  host: string;
  /** The socket of a new-listening-port rule's alert (its `context.socket`); null for other alerts. */
  socket: { protocol: string; address: string; port: number } | null;
};

/**
 * The alerts seen since `since` (Unix ms, last raise) on any of `hosts` (host names or
 * addresses, compared without case), not deleted and not marked false positive, newest
 * first. One read of the host index (host, not deleted, by last raise).
 */
export async function alertsOnHosts(
  db: Pick<Db, "select">,
  hosts: readonly string[],
  since: number,
): Promise<AlertOnHost[]> {
  if (hosts.length === 0) return [];
  const rows = await db
    .select({
      id: alerts.id,
      title: alerts.title,
      severity: alerts.severity,
      source: alerts.source,
      status: alerts.status,
      host: sql<string>`lower(${alerts.host})`,
      lastSeen: alerts.lastSeen,
      count: alerts.count,
      protocol: sql<string | null>`json_extract(${alerts.context}, '$.socket.protocol')`,
      address: sql<string | null>`json_extract(${alerts.context}, '$.socket.address')`,
      port: sql<number | null>`json_extract(${alerts.context}, '$.socket.port')`,
    })
    .from(alerts)
    .where(
      and(
        isNull(alerts.deletedAt),
        gte(alerts.lastSeen, since),
        ne(alerts.status, "false_positive"),
        inArray(sql`lower(${alerts.host})`, [...hosts]),
      ),
    );
  // Sorted here: an ORDER BY would draw the planner to the list index over the host index.
  rows.sort((a, b) => b.lastSeen - a.lastSeen || b.id.localeCompare(a.id));
  return rows.map(({ protocol, address, port, ...alert }) => ({
    ...alert,
    socket:
      alert.source === "rule" && typeof port === "number"
        ? { protocol: protocol ?? "", address: address ?? "", port }
        : null,
  }));
}
