import { z } from "zod";
import type { ConfigSource } from "../config/live.ts";
import type { Db } from "../db/client.ts";
import type { Actor } from "../kit/actor.ts";
import type { RequestFacts } from "../kit/audit.ts";
import { type Action, assertCan, type Resource } from "../kit/rbac.ts";
import { closedInput } from "../lib/closed-schema.ts";
import { processQuerySchema } from "../modules/processes/query.ts";
import {
  listProcesses,
  pidSchema,
  reniceProcess,
  reniceSchema,
  signalProcess,
  signalSchema,
} from "../modules/processes/service.ts";
import { actOnWindow, listDesktopWindows, windowActionSchema } from "../modules/windows/service.ts";
import type { MetricsHub } from "../monitor/hub.ts";

/** What the methods need. */
export interface WsMethodDeps {
  db: Db;
  config: ConfigSource;
  metrics: MetricsHub;
}

/**
 * A request/response method of the WebSocket: the permission it needs (checked before its
 * params are read, as an API route's is), its params schema (closed: an unknown param is
 * refused) and what it does.
 */
export interface WsMethod {
  permission: { action: Action; resource: Resource };
  params: z.ZodType;
  call(actor: Actor, params: never, request: RequestFacts): unknown;
}

function method<S extends z.ZodType>(
  permission: WsMethod["permission"],
  params: S,
  call: (actor: Actor, params: z.infer<S>, request: RequestFacts) => unknown,
): WsMethod {
  return { permission, params: closedInput(params), call: call as WsMethod["call"] };
}

const READ_SYSTEM = { action: "read", resource: "system" } as const;
const READ_PROCESSES = { action: "read", resource: "processes" } as const;
const CONTROL_PROCESSES = { action: "control", resource: "processes" } as const;

const none = z.object({}).optional();

/**
 * The WebSocket's request methods. Each validates its params with the same schema as the
 * matching REST route and calls the same service, so RBAC, refusals and the audit trail
 * are identical on both transports.
 */
export function wsMethods(deps: WsMethodDeps): Record<string, WsMethod> {
  const svc = { db: deps.db, metrics: deps.metrics };
  return {
    "metrics.current": method(READ_SYSTEM, none, (actor) => {
      assertCan(actor, "read", "system");
      return deps.metrics.snapshot();
    }),
    "system.info": method(READ_SYSTEM, none, (actor) => {
      assertCan(actor, "read", "system");
      return { host: deps.metrics.snapshot().host };
    }),
    "processes.list": method(
      READ_PROCESSES,
      closedInput(processQuerySchema)
        .optional()
        .transform((q) => processQuerySchema.parse(q ?? {})),
      (actor, query) => listProcesses(svc, actor, query),
    ),
    "process.signal": method(CONTROL_PROCESSES, pidSchema.extend(signalSchema.shape), (actor, p, request) =>
      signalProcess(svc, actor, p.pid, p.signal, request),
    ),
    "process.renice": method(CONTROL_PROCESSES, pidSchema.extend(reniceSchema.shape), (actor, p, request) =>
      reniceProcess(svc, actor, p.pid, p.nice, request),
    ),
    "windows.list": method({ action: "read", resource: "windows" }, none, (actor) =>
      listDesktopWindows(deps, actor),
    ),
    "window.action": method(
      { action: "control", resource: "windows" },
      windowActionSchema,
      (actor, p, request) => actOnWindow(deps, actor, p.id, p.action, request),
    ),
  };
}
