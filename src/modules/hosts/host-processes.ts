import { z } from "zod";
import type { Db } from "../../db/client.ts";
import type { Actor } from "../../kit/actor.ts";
import { assertCan } from "../../kit/rbac.ts";
import type { MetricsHub } from "../../monitor/hub.ts";
import { processReport } from "./agent-reports.ts";
import { assertHostExists, LOCAL_HOST_ID } from "./host-list.ts";
import { processRowSchema } from "./protocol.ts";
import type { TableWatch } from "./table-watch.ts";

/** A host's busiest processes, when they were read (null: not yet) and how many it runs. */
export const hostProcessesSchema = z.object({
  at: z.number().int().nullable(),
  total: z.number().int(),
  processes: z.array(processRowSchema),
});

/** A host's process table. */
export type HostProcesses = z.infer<typeof hostProcessesSchema>;

/**
 * The busiest processes of a host: `local`'s read now; an agent's as it last sent them.
 * Asking is looking: the agent is asked to send its table every tick while someone asks
 * (the first answer after a while has none yet; the page asks again every 2 s).
 * @throws NotFound when no host has that id.
 */
export async function hostProcesses(
  deps: { db: Db; metrics: MetricsHub; watch: TableWatch<HostProcesses> },
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
  deps.watch.look(id);
  return deps.watch.tables.get(id) ?? { at: null, total: 0, processes: [] };
}
