import { z } from "zod";
import type { AppDeps } from "../../deps.ts";
import { ResourceRouter } from "../../kit/resource-router.ts";
import type { ApiRouter } from "../../lib/api-router.ts";
import { actorOf } from "../../lib/context.ts";
import { requestFacts } from "../../lib/request-facts.ts";
import { connectionSchema } from "../network/api.ts";
import { processQuerySchema, STATE_WORDS } from "./query.ts";
import {
  getProcess,
  listProcesses,
  pidSchema,
  reniceProcess,
  reniceSchema,
  SIGNALS,
  signalProcess,
  signalSchema,
} from "./service.ts";

/** A process as the API lists it. */
export const processSchema = z.object({
  pid: z.number().int(),
  ppid: z.number().int(),
  name: z.string(),
  command: z.string(),
  user: z.string(),
  uid: z.number().int(),
  state: z.enum(STATE_WORDS),
  cpu: z.number().describe("Percent of one core"),
  rss: z.number().int().describe("Resident memory, bytes"),
  memory: z.number().describe("Percent of the host's memory"),
  threads: z.number().int(),
  startedAt: z.number().int().describe("Unix ms"),
  nice: z.number().int(),
  depth: z.number().int().describe("Level in the tree view; 0 in the flat view"),
});

const detailsSchema = processSchema.omit({ depth: true }).extend({
  argv: z.array(z.string()),
  cwd: z.string().nullable(),
  executable: z.string().nullable(),
  openFiles: z.number().int().nullable(),
  environment: z.record(z.string(), z.string()).nullable().describe("Admins only; null otherwise"),
  connections: z.array(connectionSchema),
});

/**
 * The host's processes (read: every role; signal and renice: admins):
 * - GET  /api/v1/processes                 live list: sort, filter, tree, page
 * - GET  /api/v1/processes/:pid            one process in detail
 * - POST /api/v1/processes/:pid/signal     send TERM, KILL, HUP, INT, STOP or CONT
 * - POST /api/v1/processes/:pid/renice     change the nice value
 */
export function processesApi(deps: AppDeps): ApiRouter {
  const svc = { db: deps.database.db, metrics: deps.metrics };
  return new ResourceRouter("/processes", "Processes", { svc, resource: "processes", config: deps.config })
    .read(
      "/",
      {
        summary: "List processes",
        description:
          "Read from /proc every monitor.processIntervalMs while someone asks; the first request after a pause waits for a fresh reading.",
        query: processQuerySchema,
        ok: {
          description: "A page of processes",
          schema: z.object({
            at: z.number().int(),
            total: z.number().int(),
            all: z.number().int(),
            items: z.array(processSchema),
            users: z.array(z.string()),
          }),
        },
      },
      (svc, actor, { query }) => listProcesses(svc, actor, query),
    )
    .read(
      "/:pid",
      {
        summary: "One process in detail",
        params: pidSchema,
        ok: { description: "The process", schema: detailsSchema },
      },
      (svc, actor, { params }) => getProcess(svc, actor, params.pid),
    )
    .post(
      "/:pid/signal",
      {
        summary: "Send a signal to a process",
        permission: { action: "control", resource: "processes" },
        description: `Admins only; audited. Refused (403): pid 1, Warden itself, and processes the OS does not let Warden signal. Signals: ${SIGNALS.join(", ")}.`,
        params: pidSchema,
        body: signalSchema,
        responses: {
          200: {
            description: "Sent",
            schema: z.object({ pid: z.number().int(), name: z.string(), signal: z.enum(SIGNALS) }),
          },
        },
      },
      async (c, { params, body }) =>
        c.json(await signalProcess(svc, actorOf(c), params.pid, body.signal, requestFacts(c, deps.config))),
    )
    .post(
      "/:pid/renice",
      {
        summary: "Change a process's nice value",
        permission: { action: "control", resource: "processes" },
        description: "Admins only; audited. Same refusals as signal.",
        params: pidSchema,
        body: reniceSchema,
        responses: {
          200: {
            description: "Changed",
            schema: z.object({ pid: z.number().int(), name: z.string(), nice: z.number().int() }),
          },
        },
      },
      async (c, { params, body }) =>
        c.json(await reniceProcess(svc, actorOf(c), params.pid, body.nice, requestFacts(c, deps.config))),
    );
}
