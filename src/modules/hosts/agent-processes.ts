import type { ProcessInfo } from "../../monitor/processes.ts";
import { MAX_MESSAGE_BYTES, MAX_PROCESSES, type ProcessRow } from "./protocol.ts";

/** Bytes the rows of one `processes` message may take (the message's limit, less room for the rest). */
const ROWS_BUDGET = MAX_MESSAGE_BYTES - 1024;

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
  while (rows.length > 0 && Buffer.byteLength(JSON.stringify(rows)) > ROWS_BUDGET)
    rows.splice(-Math.max(1, Math.ceil(rows.length / 10)));
  return rows;
}
