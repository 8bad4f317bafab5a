import { z } from "zod";
import type { Actor } from "../../kit/actor.ts";
import { assertCan } from "../../kit/rbac.ts";
import { type Connection, readConnections } from "../../monitor/connections.ts";

/** Filters of the connection list. */
export const connectionQuerySchema = z.object({
  state: z
    .enum(["all", "listening", "established"])
    .default("all")
    .describe("`listening` sockets, `established` connections, or `all` (other TCP states too)"),
  protocol: z.enum(["tcp", "udp", "all"]).default("all").describe("`tcp` includes tcp6, `udp` udp6"),
  q: z.string().trim().max(100).default("").describe("Text in an address, port or process name"),
});

/** A parsed connection query. */
export type ConnectionQuery = z.infer<typeof connectionQuerySchema>;

/** A reading is reused for this long: a full read walks every process's descriptors. */
const CACHE_MS = 1000;
let cache: { at: number; items: Connection[] } | null = null;

/** The host's sockets with their owning processes (every role that reads network data), and when they were read. */
export function listConnections(actor: Actor, query: ConnectionQuery) {
  assertCan(actor, "read", "network");
  if (!cache || Date.now() - cache.at > CACHE_MS) cache = { at: Date.now(), items: readConnections() };
  const q = query.q.toLowerCase();
  const items = cache.items.filter(
    (c) =>
      (query.state === "all" ||
        (query.state === "listening" ? c.state === "LISTEN" : c.state === "ESTABLISHED")) &&
      (query.protocol === "all" || c.protocol.startsWith(query.protocol)) &&
      (!q ||
        c.localAddress.includes(q) ||
        String(c.localPort) === q ||
        (c.remoteAddress ?? "").includes(q) ||
        String(c.remotePort) === q ||
        (c.process ?? "").toLowerCase().includes(q)),
  );
  return { at: cache.at, items };
}
