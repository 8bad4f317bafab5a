import { z } from "zod";
import type { Db } from "../../db/client.ts";
import type { Actor } from "../../kit/actor.ts";
import { assertCan } from "../../kit/rbac.ts";
import { NotFound } from "../../lib/errors.ts";
import { assertHostExists, LOCAL_HOST_ID } from "./host-list.ts";
import { windowRowSchema } from "./protocol.ts";
import type { TableWatch } from "./table-watch.ts";

/**
 * An agent host's desktop windows: `agent` says whether they can come (`ready`: connected and
 * of protocol 3 or later; `offline`; `outdated`: its version never sends windows); `at` when
 * the list came (null: not yet); the list as the local windows page has it.
 */
export const hostWindowsSchema = z.object({
  agent: z.enum(["ready", "offline", "outdated"]),
  at: z.number().int().nullable(),
  available: z.boolean().describe("false: no desktop on the host (or not yet a list); `reason` says why"),
  reason: z.string().nullable(),
  missing: z.array(z.string()),
  display: z.string().nullable(),
  windows: z.array(windowRowSchema),
});

/** A host's desktop windows. */
export type HostWindows = z.infer<typeof hostWindowsSchema>;

/** A list as an agent last sent it (hub time). */
export type ReportedWindows = Omit<HostWindows, "agent">;

/**
 * An agent host's desktop windows as its agent last sent them. Asking is looking: the agent
 * is asked to send its list every tick while someone asks (the first answer after a while
 * has none yet, `at` null; the page asks again every 2 s).
 * @throws NotFound when no host has that id, or for `local` (its windows are `/api/v1/windows`).
 */
export async function hostWindows(
  deps: {
    db: Db;
    gateway: { windows: TableWatch<ReportedWindows>; windowsAgent(hostId: string): HostWindows["agent"] };
  },
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
