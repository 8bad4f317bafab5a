/**
 * What /proc tells about one process beyond the list's columns. Read on request in the
 * main thread: a handful of system calls for one pid. Fields the OS hides (another
 * user's process when Warden is not root) are null rather than errors.
 */
import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import { parseProcStat } from "./processes.ts";

/** What `read` reads about a process, or null when the OS hides it or the process is gone. */
export function hidden<T>(read: () => T): T | null {
  try {
    return read();
  } catch {
    return null;
  }
}

/** The name of a process, or null when no such process exists. */
export function processName(pid: number): string | null {
  return hidden(() => parseProcStat(readFileSync(`/proc/${pid}/stat`, "utf8"))?.name ?? null);
}

/**
 * Reads one process's facts: every argument as it was started, its working directory,
 * executable, number of open file descriptors, and its environment only when asked for
 * (admins); null when no such process exists.
 */
export function readProcessFacts(pid: number, options: { environment: boolean }) {
  const dir = `/proc/${pid}`;
  const name = processName(pid);
  if (name === null) return null;
  const argv = hidden(() => readFileSync(`${dir}/cmdline`, "utf8").split("\0").filter(Boolean)) ?? [];
  const environment = options.environment
    ? hidden(() => {
        const env: Record<string, string> = {};
        for (const entry of readFileSync(`${dir}/environ`, "utf8").split("\0")) {
          const eq = entry.indexOf("=");
          if (eq > 0) env[entry.slice(0, eq)] = entry.slice(eq + 1);
        }
        return env;
      })
    : null;
  return {
    pid,
    name,
    argv,
    cwd: hidden(() => readlinkSync(`${dir}/cwd`)),
    executable: hidden(() => readlinkSync(`${dir}/exe`)),
    openFiles: hidden(() => readdirSync(`${dir}/fd`).length),
    environment,
  };
}

/** Thread ids of this process (Warden's main thread and its workers): signalling any of them signals Warden. */
export function ownThreadIds(): Set<number> {
  const ids = new Set([process.pid]);
  for (const tid of hidden(() => readdirSync("/proc/self/task")) ?? []) ids.add(Number(tid));
  return ids;
}
