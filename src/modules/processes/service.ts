import { z } from "zod";
import type { Db } from "../../db/client.ts";
import type { Actor } from "../../kit/actor.ts";
import { type Changes, type RequestFacts, recordAudit } from "../../kit/audit.ts";
import { assertCan, can } from "../../kit/rbac.ts";
import { NotFound } from "../../lib/errors.ts";
import { MASK, maskArguments, maskEnvironment } from "../../lib/secrets.ts";
import { readConnections } from "../../monitor/connections.ts";
import type { MetricsHub } from "../../monitor/hub.ts";
import { ownThreadIds, readProcessFacts } from "../../monitor/process-details.ts";
import { SIGNALS, type SignalName, sendSignal, setNice } from "./control.ts";
import { type ProcessQuery, queryProcesses } from "./query.ts";

/** What process services need. */
export interface ProcessDeps {
  db: Db;
  metrics: MetricsHub;
}

export { SIGNALS, type SignalName, signalNamed } from "./control.ts";

/** Body of a signal request. */
export const signalSchema = z.object({ signal: z.enum(SIGNALS) });

/** Body of a renice request: the new nice value (-20 highest priority … 19 lowest). */
export const reniceSchema = z.object({ nice: z.number().int().min(-20).max(19) });

/** A pid in a path. */
export const pidSchema = z.object({ pid: z.coerce.number().int().min(1).max(4_194_304) });

/** A page of the live process list (any role that reads processes). */
export async function listProcesses(deps: ProcessDeps, actor: Actor, query: ProcessQuery) {
  assertCan(actor, "read", "processes");
  const table = await deps.metrics.processes();
  return queryProcesses(table.at, table.processes, query);
}

/**
 * One process: the list's columns and what /proc says about it; its environment for admins
 * only. Secrets are masked: environment values under secret-looking names, options and URLs
 * of the command line that carry one, and every value of Warden's own environment (its
 * secrets may come from `WARDEN_*` variables of any name).
 */
export async function getProcess(deps: ProcessDeps, actor: Actor, pid: number) {
  assertCan(actor, "read", "processes");
  const facts = readProcessFacts(pid, { environment: can(actor, "control", "processes") });
  if (!facts) throw new NotFound(`No process has pid ${pid}.`);
  let table = await deps.metrics.processes();
  // Started after the last reading: wait for the next one.
  if (!table.processes.some((p) => p.pid === pid)) table = await deps.metrics.processes(table.at);
  const listed = table.processes.find((p) => p.pid === pid);
  if (!listed) throw new NotFound(`No process has pid ${pid}.`);
  const { pid: _pid, name: _name, argv, environment, ...rest } = facts;
  const own = ownThreadIds().has(pid);
  return {
    ...listed,
    ...rest,
    argv: maskArguments(argv),
    environment: environment && (own ? maskAll(environment) : maskEnvironment(environment)),
    /** The process's sockets (listening and connected). */
    connections: readConnections({ pid }),
  };
}

/** One process in detail. */
export type ProcessDetails = Awaited<ReturnType<typeof getProcess>>;

/** `env` with every value masked, names kept. */
function maskAll(env: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.keys(env).map((name) => [name, MASK]));
}

/**
 * A control of a local process by pid (admins): `act` does it and says the process's name, the
 * changes to audit and its answer; it is then audited as `action` (on the process, with its
 * name) and `act`'s answer returned.
 */
function processControl<A, R>(
  action: string,
  act: (pid: number, arg: A) => { name: string; changes: Changes; answer: R },
) {
  return async (deps: ProcessDeps, actor: Actor, pid: number, arg: A, request?: RequestFacts): Promise<R> => {
    assertCan(actor, "control", "processes");
    const { name, changes, answer } = act(pid, arg);
    await recordAudit(deps.db, {
      actor,
      action,
      resourceType: "process",
      resourceId: String(pid),
      changes: { ...changes, name: { before: name, after: name } },
      request,
    });
    return answer;
  };
}

/** Sends a signal to a process (admins); audited. */
export const signalProcess = processControl("process.signal", (pid, signal: SignalName) => {
  const name = sendSignal(pid, signal);
  return {
    name,
    changes: { signal: { before: null, after: `SIG${signal}` } },
    answer: { pid, name, signal },
  };
});

/** Changes a process's nice value (admins); audited. */
export const reniceProcess = processControl("process.renice", (pid, nice: number) => {
  const { name, before } = setNice(pid, nice);
  return { name, changes: { nice: { before, after: nice } }, answer: { pid, name, nice } };
});
