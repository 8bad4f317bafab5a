// What acting on a process does at the operating system, with its refusals: shared by the
// local /processes actions (which add permission checks and the audit row) and by
// `warden agent` carrying out a hub's request (which audits to its own file).
import { getPriority, setPriority } from "node:os";
import { Forbidden, NotFound } from "../../lib/errors.ts";
import { hidden, ownThreadIds, processName } from "../../monitor/process-details.ts";

/** Signals an admin may send. */
export const SIGNALS = ["TERM", "KILL", "HUP", "INT", "STOP", "CONT"] as const;

/** A signal name without the SIG prefix. */
export type SignalName = (typeof SIGNALS)[number];

/** `value` as a signal name, or null when it names none (a query parameter such as `?confirm=KILL`). */
export function signalNamed(value: string | undefined): SignalName | null {
  return (SIGNALS as readonly string[]).includes(value ?? "") ? (value as SignalName) : null;
}

/** The name of a process Warden may act on; refuses pid 1 and Warden itself (any of its threads). */
function target(pid: number): string {
  if (pid === 1) throw new Forbidden("pid 1 (the init process) is never signalled or reniced.");
  if (ownThreadIds().has(pid)) throw new Forbidden("Warden does not act on itself or its sampler.");
  const name = processName(pid);
  if (name === null) throw new NotFound(`No process has pid ${pid}.`);
  return name;
}

/** Turns an OS refusal into 403 (with the OS's reason) or 404; anything else is rethrown. */
function osRefusal(error: unknown, pid: number): never {
  const e = error as { code?: string; message?: string; info?: { code?: string; message?: string } };
  const said = `${e.info?.code ?? e.code ?? ""} ${e.message ?? ""}`;
  if (said.includes("ESRCH")) throw new NotFound(`No process has pid ${pid}.`);
  if (said.includes("EPERM"))
    throw new Forbidden("The operating system refused: Operation not permitted (EPERM).");
  if (said.includes("EACCES"))
    throw new Forbidden("The operating system refused: Permission denied (EACCES).");
  throw error;
}

/**
 * Sends `SIG<signal>` to `pid`; returns the process's name.
 * @throws Forbidden for pid 1, Warden itself, or the OS refusing (EPERM/EACCES); NotFound for no such process.
 */
export function sendSignal(pid: number, signal: SignalName): string {
  const name = target(pid);
  try {
    process.kill(pid, `SIG${signal}`);
  } catch (error) {
    osRefusal(error, pid);
  }
  return name;
}

/**
 * Sets `pid`'s nice value; returns the process's name and its nice value before (null when unreadable).
 * @throws as {@link sendSignal}.
 */
export function setNice(pid: number, nice: number): { name: string; before: number | null } {
  const name = target(pid);
  const before = hidden(() => getPriority(pid));
  try {
    setPriority(pid, nice);
  } catch (error) {
    osRefusal(error, pid);
  }
  return { name, before };
}
