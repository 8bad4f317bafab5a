import type { Context } from "hono";
import { z } from "zod";
import { WINDOW_ACTIONS } from "../../desktop/x11.ts";
import { idParams } from "../../kit/record-schemas.ts";
import { ResourceRouter } from "../../kit/resource-router.ts";
import { type ApiResponseSpec, type ApiRouter, UPGRADE_RESPONSES } from "../../lib/api-router.ts";
import { type AppEnv, actorOf } from "../../lib/context.ts";
import { createdResponse } from "../../lib/created-response.ts";
import { requestFacts } from "../../lib/request-facts.ts";
import { historyAnswerSchema } from "../../monitor/history-query.ts";
import type { ModuleContext } from "../context.ts";
import { pidSchema, reniceSchema, SIGNALS, signalSchema } from "../processes/service.ts";
import { scanFields } from "../scans/input.ts";
import { scanSchema } from "../scans/service.ts";
import { windowIdSchema } from "../windows/service.ts";
import { ACTION_KINDS, type ActionKind, type ActionParams } from "./action-protocol.ts";
import { revokeHost } from "./agents.ts";
import {
  createEnrolmentToken,
  enrolmentTokenSchema,
  listEnrolmentTokens,
  newEnrolmentTokenSchema,
  revokeEnrolmentToken,
} from "./enrolment.ts";
import { ACTION_PERMISSIONS, actOnHost, scanFromHost } from "./host-actions.ts";
import {
  getHost,
  hostDetailSchema,
  hostHistory,
  hostHistoryQuerySchema,
  hostSchema,
  listHosts,
} from "./host-reads.ts";
import { hostPorts, hostPortsSchema, hostProcesses, hostWindows } from "./host-tables.ts";
import { hostProcessesSchema, hostWindowsSchema } from "./protocol.ts";

const REFUSALS =
  "Refused with 404 for an unknown host, 409 when its agent is offline or too old for remote actions, 403 when the agent's `agent.allow` does not allow the action's class or its OS refuses, 504 when the agent does not answer in time (10 s, a scan 60 s); the agent's own answer otherwise (404: no such process or window). Audited on the hub and in the agent's audit file.";

/** The refusals of a remote action besides the usual ones (404 for the host, 403 by the agent). */
const AGENT_REFUSALS = {
  409: {
    description: "The agent is offline or too old for remote actions, or (windows) has no desktop session",
  },
  502: { description: "The agent's answer was not one of this action" },
  504: { description: "The agent did not answer in time" },
} as const satisfies Record<number, ApiResponseSpec>;

/** The remote actions on a process of an agent's host, each `POST /hosts/:id/processes/:pid/<path>`. */
const PROCESS_ACTIONS = [
  {
    kind: "process.signal",
    path: "signal",
    body: signalSchema,
    summary: "Send a signal to a process of an agent's host",
    description: `Needs "signals" in the agent's \`agent.allow\`. ${REFUSALS} Signals: ${SIGNALS.join(", ")}.`,
    done: "Sent",
  },
  {
    kind: "process.renice",
    path: "renice",
    body: reniceSchema,
    summary: "Change the nice value of a process of an agent's host",
    description: `Needs "renice" in the agent's \`agent.allow\`. ${REFUSALS}`,
    done: "Changed",
  },
] as const;

/**
 * Hosts and their agents:
 * - GET    /api/v1/hosts                        every host (the local one first) with its status
 * - GET    /api/v1/hosts/:id                    one host with its latest sample (`local`: Warden's own)
 * - GET    /api/v1/hosts/:id/history            its history over a range (the local history's shape)
 * - GET    /api/v1/hosts/:id/processes          its busiest processes (asking makes its agent send them)
 * - GET    /api/v1/hosts/:id/windows            its desktop's windows (asking makes its agent send them)
 * - GET    /api/v1/hosts/:id/ports              its listening sockets (an agent's as last reported)
 * - POST   /api/v1/hosts/:id/processes/:pid/signal|renice   signal or renice a process (its agent's `agent.allow` decides)
 * - POST   /api/v1/hosts/:id/windows/:window/focus|minimize|close   act on a window (the same)
 * - POST   /api/v1/hosts/:id/scans           a port scan from that host, to targets its agent allows (stored as a scan)
 * - DELETE /api/v1/hosts/:id                    revoke an agent; its socket closes at once
 * - GET    /api/v1/hosts/enrolment-tokens       enrolment tokens (never the secrets)
 * - POST   /api/v1/hosts/enrolment-tokens       create one; the `wen_…` secret is in this answer only
 * - DELETE /api/v1/hosts/enrolment-tokens/:id   revoke one
 * - GET    /api/v1/agents/connect               the agents' WebSocket (docs/agent-protocol.md)
 */
export function hostsApi(ctx: ModuleContext): ApiRouter {
  const { deps, hosts: gateway } = ctx;
  const db = deps.database.db;
  const tables = { db, metrics: deps.metrics, gateway };
  /** Has the host's agent carry out `kind` (host-actions.ts). */
  const act = <K extends ActionKind>(c: Context<AppEnv>, id: string, kind: K, params: ActionParams<K>) =>
    actOnHost({ db, gateway }, actorOf(c), id, kind, params, requestFacts(c, deps.config));
  const router = new ResourceRouter("", "Hosts", { svc: deps, resource: "hosts", config: deps.config })
    .read(
      "/hosts",
      {
        summary: "List hosts",
        description: "The host Warden runs on (id `local`) first, then every enrolled agent with its status.",
        ok: { description: "Hosts", schema: z.array(hostSchema) },
      },
      (_deps, actor) => listHosts(deps, actor),
    )
    .read(
      "/hosts/enrolment-tokens",
      {
        summary: "List enrolment tokens",
        action: "create",
        ok: { description: "Enrolment tokens", schema: z.array(enrolmentTokenSchema) },
      },
      (_deps, actor) => listEnrolmentTokens(db, actor),
    )
    .post(
      "/hosts/enrolment-tokens",
      {
        summary: "Create an enrolment token",
        description: "`maxUses` agents may enrol with it (1: one-time) until it expires (`expiresInHours`).",
        permission: { action: "create", resource: "hosts" },
        body: newEnrolmentTokenSchema,
        responses: {
          201: {
            description: "Created; `token` is shown only now",
            schema: enrolmentTokenSchema.extend({ token: z.string() }),
          },
        },
      },
      async (c, { body }) => {
        const token = await createEnrolmentToken(db, actorOf(c), body, requestFacts(c, deps.config));
        return createdResponse(c, "/api/v1/hosts/enrolment-tokens", token);
      },
    )
    .delete(
      "/hosts/enrolment-tokens/:id",
      {
        summary: "Revoke an enrolment token",
        permission: { action: "delete", resource: "hosts" },
        params: idParams,
        responses: { 204: { description: "Revoked" } },
      },
      async (c, { params }) => {
        await revokeEnrolmentToken({ db }, actorOf(c), params.id, requestFacts(c, deps.config));
        return c.body(null, 204);
      },
    )
    .read(
      "/hosts/:id",
      {
        summary: "Get a host",
        description: "`local` is the host Warden runs on; any other id an agent's host.",
        params: idParams,
        ok: { description: "The host and its latest sample", schema: hostDetailSchema },
      },
      (_deps, actor, { params }) => getHost(deps, actor, params.id),
    )
    .read(
      "/hosts/:id/history",
      {
        summary: "A host's history",
        description:
          "The series over `range` back from now, in the shape of `GET /api/v1/metrics/history`: minute rollups up to two days, hourly ones beyond. Points are [time ms, avg, min, max].",
        params: idParams,
        query: hostHistoryQuerySchema,
        ok: { description: "The history", schema: historyAnswerSchema },
      },
      (_deps, actor, { params, query }) => hostHistory(deps, actor, params.id, query),
    )
    .read(
      "/hosts/:id/processes",
      {
        summary: "A host's processes",
        description:
          "The busiest 200, by CPU. An agent sends its table only while someone asks (a request keeps it sending for 10 s; `at` is null until the first table arrives); the local host's is read now.",
        params: idParams,
        ok: { description: "The process table", schema: hostProcessesSchema },
      },
      (_deps, actor, { params }) => hostProcesses(tables, actor, params.id),
    )
    .get(
      "/hosts/:id/windows",
      {
        summary: "An agent host's desktop windows",
        description:
          "As on `GET /api/v1/windows`, for an agent's host. Its agent sends the list only while someone asks (a request keeps it sending for 10 s; `at` is null until the first list arrives); `agent` says whether one can come (`offline`; `outdated`: an agent of protocol 1 or 2 never sends windows). Without a desktop on the host `available` is false and `reason` says why. 404 for `local` (its windows are `/api/v1/windows`).",
        permission: { action: "read", resource: "windows" },
        params: idParams,
        responses: { 200: { description: "The windows", schema: hostWindowsSchema } },
      },
      async (c, { params }) => c.json(await hostWindows(tables, actorOf(c), params.id)),
    )
    .read(
      "/hosts/:id/ports",
      {
        summary: "A host's listening ports",
        description:
          "An agent's as it last reported them (once a minute; `at` null before its first report), the local host's read now.",
        params: idParams,
        ok: { description: "Listening sockets by port", schema: hostPortsSchema },
      },
      (_deps, actor, { params }) => hostPorts(tables, actor, params.id),
    );
  for (const action of PROCESS_ACTIONS)
    router.post(
      `/hosts/:id/processes/:pid/${action.path}`,
      {
        summary: action.summary,
        permission: ACTION_PERMISSIONS[action.kind],
        description: action.description,
        params: idParams.extend(pidSchema.shape),
        body: action.body,
        responses: {
          200: { description: action.done, schema: ACTION_KINDS[action.kind].result },
          ...AGENT_REFUSALS,
        },
      },
      async (c, { params, body }) =>
        c.json(await act(c, params.id, action.kind, { pid: params.pid, ...body })),
    );
  router
    .post(
      "/hosts/:id/scans",
      {
        summary: "Scan ports from an agent's host",
        permission: ACTION_PERMISSIONS["scan.run"],
        description: `A TCP connect scan run by the host's agent, stored as the hub's own scans are (\`hostId\` names its origin): answered 202 with the scan and its \`Location\` (\`/api/v1/scans/:id\`) as \`POST /api/v1/scans\` is; it runs in the background, one at a time per target and host, and is diffed against the previous scan of the same target from the same host, raising the same new-port alerts. Needs "scans" in the agent's \`agent.allow\` (403 at once, nothing stored), an agent connected and of protocol 3 (409 at once). The target must lie inside the agent's own \`agent.scanTargets\` (set only in its config) and hosts × ports within its \`scanner.maxProbesPerScan\`: the agent's refusal fails the scan with its reason (\`error\`), as does no answer within 60 s. The agent stops after 50 s (status \`interrupted\`, what it found stored) and lists at most 256 open ports (\`openCount\` counts them all). 404 for an unknown host. Audited on the hub (\`scan.create\`, \`host.scan.run\` with its outcome) and in the agent's audit file.`,
        params: idParams,
        body: z.strictObject({ target: scanFields.target, ports: scanFields.ports }),
        responses: {
          202: { description: "Queued or started", schema: scanSchema },
          409: { description: "No agent of protocol 3 is connected" },
        },
      },
      async (c, { params, body }) => {
        const { scans } = ctx;
        const request = requestFacts(c, scans.config);
        const scan = await scanFromHost({ db, gateway, scans }, actorOf(c), params.id, body, request);
        return createdResponse(c, "/api/v1/scans", scan, 202);
      },
    )
    .delete(
      "/hosts/:id",
      {
        summary: "Revoke an agent",
        description: "Its credential is refused from now on and its socket closes at once (close code 4403).",
        permission: { action: "delete", resource: "hosts" },
        params: idParams,
        responses: { 204: { description: "Revoked" } },
      },
      async (c, { params }) => {
        await revokeHost({ db, bus: deps.bus }, actorOf(c), params.id, requestFacts(c, deps.config));
        return c.body(null, 204);
      },
    )
    .get(
      "/agents/connect",
      {
        summary: "The agents' WebSocket",
        description:
          "`warden agent` connects here and says hello with its credential or an enrolment token; see docs/agent-protocol.md for the messages, close codes and versioning.",
        public: true,
        responses: UPGRADE_RESPONSES,
      },
      (c) => gateway.upgrade(c),
    );
  const windowParams = idParams.extend({ window: windowIdSchema.shape.id });
  for (const action of WINDOW_ACTIONS)
    router.post(
      `/hosts/:id/windows/:window/${action}`,
      {
        summary: `${action[0]?.toUpperCase()}${action.slice(1)} a window of an agent's host`,
        permission: ACTION_PERMISSIONS["window.action"],
        description: `Needs "windows" in the agent's \`agent.allow\`; 409 from the agent without a desktop session. ${REFUSALS}`,
        params: windowParams,
        responses: {
          200: { description: "Done", schema: ACTION_KINDS["window.action"].result },
          ...AGENT_REFUSALS,
        },
      },
      async (c, { params }) =>
        c.json(await act(c, params.id, "window.action", { window: params.window, action })),
    );
  return router;
}
