// A host's live tables as the hub answers them: its listening ports, its busiest processes and
// its desktop's windows (the local host's read now, an agent's as it last sent them).
import { z } from "zod";
import type { Db } from "../../db/client.ts";
import type { Actor } from "../../kit/actor.ts";
import { assertCan } from "../../kit/rbac.ts";
import { NotFound } from "../../lib/errors.ts";
import type { MetricsHub } from "../../monitor/hub.ts";
import { listeningPorts, processReport } from "./agent-reports.ts";
import type { AgentGateway } from "./gateway.ts";
import { assertHostExists, LOCAL_HOST_ID } from "./host-reads.ts";
import { type HostProcesses, type HostWindows, type ListeningPort, listeningPortSchema } from "./protocol.ts";

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
  deps: { db: Db; gateway: Pick<AgentGateway, "ports"> },
  actor: Actor,
  id: string,
): Promise<HostPorts> {
  assertCan(actor, "read", "hosts");
  if (id === LOCAL_HOST_ID) {
    assertCan(actor, "read", "network");
    return { at: Date.now(), ports: byPort(listeningPorts()) };
  }
  await assertHostExists(deps.db, id);
  const reported = deps.gateway.ports.get(id);
  return reported ? { at: reported.at, ports: byPort(reported.ports) } : { at: null, ports: [] };
}

function byPort(ports: ListeningPort[]): ListeningPort[] {
  return [...ports].sort((a, b) => a.port - b.port || a.protocol.localeCompare(b.protocol));
}

/**
 * The busiest processes of a host: `local`'s read now; an agent's as it last sent them.
 * Asking is looking: the agent is asked to send its table every tick while someone asks
 * (the first answer after a while has none yet; the page asks again every 2 s).
 * @throws NotFound when no host has that id.
 */
export async function hostProcesses(
  deps: { db: Db; metrics: MetricsHub; gateway: Pick<AgentGateway, "processes"> },
  actor: Actor,
  id: string,
): Promise<HostProcesses> {
  assertCan(actor, "read", "hosts");
  assertCan(actor, "read", "processes");
  if (id === LOCAL_HOST_ID) {
    const table = await deps.metrics.processes();
    return { at: table.at, total: table.processes.length, processes: processReport(table.processes) };
  }
  await assertHostExists(deps.db, id);
  deps.gateway.processes.look(id);
  return deps.gateway.processes.tables.get(id) ?? { at: null, total: 0, processes: [] };
}

/**
 * An agent host's desktop windows as its agent last sent them. Asking is looking: the agent
 * is asked to send its list every tick while someone asks (the first answer after a while
 * has none yet, `at` null; the page asks again every 2 s).
 * @throws NotFound when no host has that id, or for `local` (its windows are `/api/v1/windows`).
 */
export async function hostWindows(
  deps: { db: Db; gateway: Pick<AgentGateway, "windows" | "windowsAgent"> },
  actor: Actor,
  id: string,
): Promise<HostWindows> {
  assertCan(actor, "read", "hosts");
  assertCan(actor, "read", "windows");
  if (id === LOCAL_HOST_ID)
    throw new NotFound("The windows of the host Warden runs on are at /api/v1/windows.");
  await assertHostExists(deps.db, id);
  const { windows } = deps.gateway;
  const agent = deps.gateway.windowsAgent(id);
  if (agent === "ready") windows.look(id);
  const reported = agent === "ready" ? windows.tables.get(id) : undefined;
  return reported
    ? { agent, ...reported }
    : { agent, at: null, available: false, reason: null, missing: [], display: null, windows: [] };
}
