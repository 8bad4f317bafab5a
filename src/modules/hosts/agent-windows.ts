import type { DesktopWindow, WindowList } from "../../desktop/x11.ts";
import { MAX_MESSAGE_BYTES, MAX_WINDOWS, type WindowsMessage } from "./protocol.ts";

/** Bytes the rows of one `windows` message may take (the message's limit, less room for the rest). */
const ROWS_BUDGET = MAX_MESSAGE_BYTES - 1024;

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
  const windows = list.windows.slice(0, MAX_WINDOWS).map(row);
  while (windows.length > 0 && Buffer.byteLength(JSON.stringify(windows)) > ROWS_BUDGET)
    windows.splice(-Math.max(1, Math.ceil(windows.length / 10)));
  return {
    available: list.available,
    reason: list.reason?.slice(0, 200) ?? null,
    missing: list.missing.slice(0, 8).map((m) => m.slice(0, 20)),
    display: list.display?.slice(0, 100) ?? null,
    windows,
  };
}
