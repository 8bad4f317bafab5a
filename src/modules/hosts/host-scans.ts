import type { Actor } from "../../kit/actor.ts";
import type { RequestFacts } from "../../kit/audit.ts";
import { assertCan } from "../../kit/rbac.ts";
import type { NewScan } from "../scans/input.ts";
import { type ScanDeps, type ScanView, startScan } from "../scans/service.ts";
import type { AgentGateway } from "./gateway.ts";
import { actOnHost, type HostActionDeps, hostToActOn } from "./host-actions.ts";

/**
 * Starts a scan from an agent's host (admins): refused at once, with nothing stored, when its
 * agent is offline, too old or does not allow `scans` (409, 409, 403); otherwise stored as a
 * local scan is — with the host as its origin, in /scans, diffed against the previous scan of
 * the same target from the same host, raising the same new-port alerts — and run in the
 * background by the scan runner, which has the agent run it (`scan.run`, audited on both
 * sides as every remote action) and stores its answer, or its refusal as the scan's error.
 * @throws NotFound for an unknown host or `local` (its scans are `POST /api/v1/scans`).
 */
export async function scanFromHost(
  deps: HostActionDeps & { gateway: Pick<AgentGateway, "assertCanAct">; scans: ScanDeps },
  actor: Actor,
  hostId: string,
  input: Pick<NewScan, "target" | "ports">,
  request?: RequestFacts,
): Promise<ScanView> {
  assertCan(actor, "create", "scans");
  const host = await hostToActOn(deps.db, actor, hostId, "scan.run");
  deps.gateway.assertCanAct(hostId, "scan.run");
  const remote = {
    hostName: host.hostname,
    run: () => actOnHost(deps, actor, hostId, "scan.run", input, request),
  };
  return startScan(
    deps.scans,
    actor,
    { ...input, hostDiscovery: false },
    { request, origin: { hostId, remote } },
  );
}
