import { z } from "zod";
import { ApiRouter } from "../../lib/api-router.ts";
import { actorOf } from "../../lib/context.ts";
import { connectionQuerySchema, listConnections } from "./service.ts";

/** One socket as the API lists it. */
export const connectionSchema = z.object({
  protocol: z.enum(["tcp", "tcp6", "udp", "udp6"]),
  localAddress: z.string(),
  localPort: z.number().int(),
  remoteAddress: z.string().nullable(),
  remotePort: z.number().int().nullable(),
  state: z.string().describe("LISTEN, ESTABLISHED, TIME_WAIT …; UDP: LISTEN when unconnected"),
  inode: z.number().int(),
  uid: z.number().int(),
  pid: z.number().int().nullable().describe("Owner; null when the OS hides it"),
  process: z.string().nullable(),
});

/**
 * The host's network sockets (every role that reads network data):
 * - GET /api/v1/network/connections   listening sockets and connections with their processes
 */
export function networkApi(): ApiRouter {
  return new ApiRouter("/network", "Network").get(
    "/connections",
    {
      summary: "Listening sockets and connections",
      permission: { action: "read", resource: "network" },
      description: "Read from /proc/net and /proc/<pid>/fd (at most once a second); listening sockets first.",
      query: connectionQuerySchema,
      responses: {
        200: {
          description: "The socket table",
          schema: z.object({ at: z.number().int(), items: z.array(connectionSchema) }),
        },
      },
    },
    (c, { query }) => c.json(listConnections(actorOf(c), query)),
  );
}
