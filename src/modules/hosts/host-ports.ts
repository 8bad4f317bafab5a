import { z } from "zod";
import type { Db } from "../../db/client.ts";
import type { Actor } from "../../kit/actor.ts";
import { assertCan } from "../../kit/rbac.ts";
import { listeningPorts } from "./agent-reports.ts";
import { assertHostExists, LOCAL_HOST_ID } from "./host-list.ts";
import { type ListeningPort, listeningPortSchema } from "./protocol.ts";

/** A host's listening sockets and when they were read (null: its agent has not reported them). */
export const hostPortsSchema = z.object({
  at: z.number().int().nullable(),
  ports: z.array(listeningPortSchema),
});

/** A host's listening sockets. */
export type HostPorts = z.infer<typeof hostPortsSchema>;

/**
 * The listening sockets of a host by port: `local` read now (it needs the right to read the
 * network too), an agent's as it last reported them (every slow tick; none before its first
 * report or from an agent speaking protocol 1).
 * @throws NotFound when no host has that id.
 */
export async function hostPorts(
  deps: { db: Db; reported: ReadonlyMap<string, { at: number; ports: ListeningPort[] }> },
  actor: Actor,
  id: string,
): Promise<HostPorts> {
  assertCan(actor, "read", "hosts");
  if (id === LOCAL_HOST_ID) {
    assertCan(actor, "read", "network");
    return { at: Date.now(), ports: byPort(listeningPorts()) };
  }
  await assertHostExists(deps.db, id);
  const reported = deps.reported.get(id);
  return reported ? { at: reported.at, ports: byPort(reported.ports) } : { at: null, ports: [] };
}

function byPort(ports: ListeningPort[]): ListeningPort[] {
  return [...ports].sort((a, b) => a.port - b.port || a.protocol.localeCompare(b.protocol));
}
