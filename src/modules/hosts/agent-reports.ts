import type { DesktopWindow, WindowList } from "../../desktop/x11.ts";
import type { ProcessInfo } from "../../monitor/processes.ts";
import { listeningPorts as listeningNow } from "../../monitor/rule-context.ts";
import {
  type ListeningPort,
  MAX_MESSAGE_BYTES,
  MAX_PROCESSES,
  MAX_WINDOWS,
  type ProcessRow,
  type WindowsMessage,
} from "./protocol.ts";

/** Most listening sockets one `ports` message carries (the protocol's limit). */
const MAX_PORTS = 1024;
/** Bytes the rows of one message may take (the message's limit, less room for the rest). */
const ROWS_BUDGET = MAX_MESSAGE_BYTES - 1024;

/** Drops the last tenth of `rows` until they fit {@link ROWS_BUDGET}. */
function withinBudget<T>(rows: T[]): T[] {
  while (rows.length > 0 && Buffer.byteLength(JSON.stringify(rows)) > ROWS_BUDGET)
    rows.splice(-Math.max(1, Math.ceil(rows.length / 10)));
  return rows;
}

/**
 * This host's listening sockets (TCP listeners and unconnected UDP sockets) with the process
 * holding each where it is visible, by port, as the agent's `ports` message carries them.
 */
export function listeningPorts(): ListeningPort[] {
  return listeningNow()
    .slice(0, MAX_PORTS)
    .map((port) => ({ ...port, process: port.process?.slice(0, 64) ?? null }));
}

/**
 * The busiest processes of a table as an agent's `processes` message carries them: at most
 * {@link MAX_PROCESSES}, by CPU then memory, names and commands cut to the protocol's limits,
 * and fewer when long names would make the message too large.
 */
export function processReport(processes: ProcessInfo[]): ProcessRow[] {
  const rows = [...processes]
    .sort((a, b) => b.cpu - a.cpu || b.rss - a.rss)
    .slice(0, MAX_PROCESSES)
    .map((p) => ({
      pid: p.pid,
      ppid: p.ppid,
      name: p.name.slice(0, 64),
      user: p.user.slice(0, 64),
      state: p.state.slice(0, 24),
      cpu: p.cpu,
      rss: p.rss,
      memory: p.memory,
      threads: p.threads,
      command: p.command.slice(0, 160),
    }));
  return withinBudget(rows);
}

/**
 * A desktop's window list as an agent's `windows` message carries it: at most
 * {@link MAX_WINDOWS}, texts cut to the protocol's limits, and fewer when long titles would
 * make the message too large.
 */
export function windowReport(list: WindowList): Omit<WindowsMessage, "type" | "at"> {
  const row = (w: DesktopWindow) => ({
    id: w.id,
    title: w.title.slice(0, 200),
    pid: w.pid,
    class: w.class?.slice(0, 128) ?? null,
    desktop: w.desktop,
    geometry: w.geometry,
    state: w.state.slice(0, 16).map((s) => s.slice(0, 40)),
  });
  return {
    available: list.available,
    reason: list.reason?.slice(0, 200) ?? null,
    missing: list.missing.slice(0, 8).map((m) => m.slice(0, 20)),
    display: list.display?.slice(0, 100) ?? null,
    windows: withinBudget(list.windows.slice(0, MAX_WINDOWS).map(row)),
  };
}
