import type { Db } from "../../db/client.ts";
import type { Actor } from "../../kit/actor.ts";
import { type RequestFacts, recordAudit } from "../../kit/audit.ts";
import { type Action, assertCan, type Resource } from "../../kit/rbac.ts";
import { createdChanges } from "../../kit/record-changes.ts";
import { AppError, Conflict, NotFound } from "../../lib/errors.ts";
import type { NewScan } from "../scans/input.ts";
import { type ScanDeps, type ScanView, startScan } from "../scans/service.ts";
import type { ActionKind, ActionParams, ActionResult } from "./action-protocol.ts";
import type { AgentGateway } from "./gateway.ts";
import { assertHostExists, LOCAL_HOST_ID } from "./host-reads.ts";

/** What acting on an agent's host needs. */
export interface HostActionDeps {
  db: Db;
  gateway: Pick<AgentGateway, "act">;
}

/** The permission each remote action needs: the same as its local equivalent. */
export const ACTION_PERMISSIONS: Record<ActionKind, { action: Action; resource: Resource }> = {
  "process.signal": { action: "control", resource: "processes" },
  "process.renice": { action: "control", resource: "processes" },
  "window.action": { action: "control", resource: "windows" },
  "scan.run": { action: "create", resource: "scans" },
};

/** Where each action is done on the host Warden itself runs on. */
const LOCAL_ROUTES: Record<ActionKind, string> = {
  "process.signal": "POST /api/v1/processes/:pid/signal",
  "process.renice": "POST /api/v1/processes/:pid/renice",
  "window.action": "POST /api/v1/windows/:id/:action",
  "scan.run": "POST /api/v1/scans",
};

/** 409: the host's agent was revoked, so it will not connect again to carry anything out. */
export class HostRevoked extends Conflict {
  constructor() {
    super("The agent of this host was revoked; nothing was sent. Enrol the machine again to act on it.");
  }
}

/**
 * The agent's host `actor` may have carry out `kind`: the permissions of its local
 * equivalent, an agent's host (not `local`) that exists.
 * @throws Forbidden without the permissions; NotFound for an unknown host or `local` (naming its own route);
 * {@link HostRevoked} for a host whose agent was revoked.
 */
export async function hostToActOn(
  db: Db,
  actor: Actor,
  hostId: string,
  kind: ActionKind,
): Promise<{ id: string; hostname: string }> {
  assertCan(actor, "read", "hosts");
  const permission = ACTION_PERMISSIONS[kind];
  assertCan(actor, permission.action, permission.resource);
  if (hostId === LOCAL_HOST_ID)
    throw new NotFound(`The host Warden runs on is acted on with ${LOCAL_ROUTES[kind]}.`);
  const { id, hostname, revokedAt } = await assertHostExists(db, hostId);
  if (revokedAt !== null) throw new HostRevoked();
  return { id, hostname };
}

/**
 * Has `hostId`'s agent carry out `kind` (admins, as the local equivalent), and audits the
 * request on the hub with the host, the action, its target and its outcome — refused, failed
 * or done (the agent audits it too, in its own file).
 * @throws NotFound for an unknown host (or `local`: its own routes act on it); the agent's
 * refusals and failures as {@link AgentGateway.act} throws them.
 */
export async function actOnHost<K extends ActionKind>(
  deps: HostActionDeps,
  actor: Actor,
  hostId: string,
  kind: K,
  params: ActionParams<K>,
  request?: RequestFacts,
): Promise<ActionResult<K>> {
  const host = await hostToActOn(deps.db, actor, hostId, kind);
  const audit = (outcome: string) =>
    recordAudit(deps.db, {
      actor,
      action: `host.${kind}`,
      resourceType: "host",
      resourceId: host.id,
      changes: {
        ...createdChanges(params),
        hostname: { before: host.hostname, after: host.hostname },
        outcome: { before: null, after: outcome },
      },
      request,
    });
  let result: ActionResult<K>;
  try {
    result = await deps.gateway.act(hostId, kind, params, actor.label);
  } catch (error) {
    await audit(
      error instanceof AppError ? `${error.status} ${error.detail ?? error.title}` : "failed on the hub",
    );
    throw error;
  }
  await audit("done");
  return result;
}

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
