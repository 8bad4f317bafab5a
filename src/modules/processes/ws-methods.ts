import { closedInput } from "../../lib/closed-schema.ts";
import { type WsMethods, wsMethod } from "../../realtime/ws-method.ts";
import { processQuerySchema } from "./query.ts";
import {
  listProcesses,
  type ProcessDeps,
  pidSchema,
  reniceProcess,
  reniceSchema,
  signalProcess,
  signalSchema,
} from "./service.ts";

const READ_PROCESSES = { action: "read", resource: "processes" } as const;
const CONTROL_PROCESSES = { action: "control", resource: "processes" } as const;

/**
 * The WebSocket's process methods: the same params schemas and service calls as the REST
 * routes, so RBAC, refusals and the audit trail are identical on both transports.
 */
export function processesWsMethods(deps: ProcessDeps): WsMethods {
  return {
    "processes.list": wsMethod(
      READ_PROCESSES,
      closedInput(processQuerySchema)
        .optional()
        .transform((q) => processQuerySchema.parse(q ?? {})),
      (actor, query) => listProcesses(deps, actor, query),
    ),
    "process.signal": wsMethod(CONTROL_PROCESSES, pidSchema.extend(signalSchema.shape), (actor, p, request) =>
      signalProcess(deps, actor, p.pid, p.signal, request),
    ),
    "process.renice": wsMethod(CONTROL_PROCESSES, pidSchema.extend(reniceSchema.shape), (actor, p, request) =>
      reniceProcess(deps, actor, p.pid, p.nice, request),
    ),
  };
}
