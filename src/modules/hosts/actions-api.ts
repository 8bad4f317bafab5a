import { z } from "zod";
import { ApiRouter } from "../../lib/api-router.ts";
import { actorOf } from "../../lib/context.ts";
import { requestFacts } from "../../lib/request-facts.ts";
import type { ModuleContext } from "../context.ts";
import { pidSchema, reniceSchema, SIGNALS, signalSchema } from "../processes/service.ts";
import { WINDOW_ACTIONS, windowIdSchema } from "../windows/service.ts";
import { ACTION_KINDS } from "./action-protocol.ts";
import { ACTION_PERMISSIONS, actOnHost } from "./host-actions.ts";

const hostParams = z.object({ id: z.string().min(1).max(64) });

const REFUSALS =
  "Refused with 404 for an unknown host, 409 when its agent is offline or too old for remote actions, 403 when the agent's `agent.allow` does not allow the action's class or its OS refuses, 504 when the agent does not answer within 10 s; the agent's own answer otherwise (404: no such process or window). Audited on the hub and in the agent's audit file.";

/**
 * Remote actions on an agent's host (the same permissions as on the local host), carried out
 * by its agent only if its own config (`agent.allow`) enables the action's class:
 * - POST /api/v1/hosts/:id/processes/:pid/signal           send TERM, KILL, HUP, INT, STOP or CONT
 * - POST /api/v1/hosts/:id/processes/:pid/renice           change a process's nice value
 * - POST /api/v1/hosts/:id/windows/:window/focus|minimize|close
 */
export function hostActionsApi(ctx: ModuleContext): ApiRouter {
  const { deps } = ctx;
  const svc = { db: deps.database.db, gateway: ctx.hosts };
  const router = new ApiRouter("/hosts", "Hosts")
    .post(
      "/:id/processes/:pid/signal",
      {
        summary: "Send a signal to a process of an agent's host",
        permission: ACTION_PERMISSIONS["process.signal"],
        description: `Needs "signals" in the agent's \`agent.allow\`. ${REFUSALS} Signals: ${SIGNALS.join(", ")}.`,
        params: hostParams.extend(pidSchema.shape),
        body: signalSchema,
        responses: { 200: { description: "Sent", schema: ACTION_KINDS["process.signal"].result } },
      },
      async (c, { params, body }) =>
        c.json(
          await actOnHost(
            svc,
            actorOf(c),
            params.id,
            "process.signal",
            { pid: params.pid, signal: body.signal },
            requestFacts(c, deps.config),
          ),
        ),
    )
    .post(
      "/:id/processes/:pid/renice",
      {
        summary: "Change the nice value of a process of an agent's host",
        permission: ACTION_PERMISSIONS["process.renice"],
        description: `Needs "renice" in the agent's \`agent.allow\`. ${REFUSALS}`,
        params: hostParams.extend(pidSchema.shape),
        body: reniceSchema,
        responses: { 200: { description: "Changed", schema: ACTION_KINDS["process.renice"].result } },
      },
      async (c, { params, body }) =>
        c.json(
          await actOnHost(
            svc,
            actorOf(c),
            params.id,
            "process.renice",
            { pid: params.pid, nice: body.nice },
            requestFacts(c, deps.config),
          ),
        ),
    );
  const windowParams = hostParams.extend({ window: windowIdSchema.shape.id });
  for (const action of WINDOW_ACTIONS)
    router.post(
      `/:id/windows/:window/${action}`,
      {
        summary: `${action[0]?.toUpperCase()}${action.slice(1)} a window of an agent's host`,
        permission: ACTION_PERMISSIONS["window.action"],
        description: `Needs "windows" in the agent's \`agent.allow\`; 409 from the agent without a desktop session. ${REFUSALS}`,
        params: windowParams,
        responses: { 200: { description: "Done", schema: ACTION_KINDS["window.action"].result } },
      },
      async (c, { params }) =>
        c.json(
          await actOnHost(
            svc,
            actorOf(c),
            params.id,
            "window.action",
            { window: params.window, action },
            requestFacts(c, deps.config),
          ),
        ),
    );
  return router;
}
