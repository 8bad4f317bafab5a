/**
 * The top-level windows of an X11 desktop session, read and acted on through the
 * command-line tools an EWMH desktop offers: `wmctrl` lists windows and focuses or closes
 * them, `xprop` reads each window's `_NET_WM_STATE`, `xdotool` minimizes. The tools run
 * directly (never through a shell) with the caller's environment, so `DISPLAY` and `PATH`
 * there decide which session is seen and which binaries are used.
 */
import { AppError } from "../lib/errors.ts";

/** One top-level window as the window manager reports it. */
export interface DesktopWindow {
  /** X window id, lowercase "0x" and 8 hex digits ("0x00400030"). */
  id: string;
  /** Window title; may be empty. */
  title: string;
  /** Owning process from `_NET_WM_PID`; null when the client does not set it. */
  pid: number | null;
  /** `WM_CLASS` as "instance.Class"; null when the client does not set it. */
  class: string | null;
  /** Virtual desktop number; null for sticky windows shown on every desktop. */
  desktop: number | null;
  /**
   * Size of the client area, and its position as wmctrl computes it: the absolute position
   * plus the client's offset inside the window manager's frame (openbox: +1, +20).
   */
  geometry: { x: number; y: number; width: number; height: number };
  /** `_NET_WM_STATE` atoms, lowercase without the prefix ("hidden", "maximized_vert", "above"); [] when none. */
  state: string[];
}

/** The windows of the session named by `DISPLAY`, or why they cannot be read. */
export interface WindowList {
  /** False when there is no session, it cannot be reached or `wmctrl` is missing. */
  available: boolean;
  /** Why the list is unavailable ("no desktop session", "cannot reach display :99", "wmctrl is not installed"); null when available. */
  reason: string | null;
  /** The tools (wmctrl, xprop, xdotool) not found on `PATH`. */
  missing: string[];
  /** `DISPLAY` as given; null when unset or empty. */
  display: string | null;
  /** The windows in the window manager's client-list order (oldest first). */
  windows: DesktopWindow[];
}

/** What {@link windowAction} can do to a window. */
export const WINDOW_ACTIONS = ["focus", "minimize", "close"] as const;

/** One of {@link WINDOW_ACTIONS}. */
export type WindowAction = (typeof WINDOW_ACTIONS)[number];

/** The environment the tools run in; only `DISPLAY` and `PATH` are read here, the rest is passed on (XAUTHORITY, HOME). */
export type DesktopEnv = Record<string, string | undefined>;

/** No window with that id exists in the session (or the id is not a window id at all). */
export class WindowNotFound extends Error {
  override name = "WindowNotFound";
  constructor(readonly id: string) {
    super(`no window ${id}`);
  }
}

/** The desktop cannot be used: no session, unreachable display or a missing tool; `reason` says which. */
export class DesktopUnavailable extends Error {
  override name = "DesktopUnavailable";
  constructor(readonly reason: string) {
    super(reason);
  }
}

const TOOLS = ["wmctrl", "xprop", "xdotool"] as const;
type Tool = (typeof TOOLS)[number];
const TIMEOUT_MS = 3000;

/** True for an X window id in hex form ("0x" and 1 to 8 hex digits, any case). */
export function isWindowId(id: string): boolean {
  return /^0x[0-9a-f]{1,8}$/i.test(id);
}

/**
 * Lists the top-level windows of the session in `env.DISPLAY` (default `process.env`).
 * Never throws for an unusable desktop: that is reported in `available` and `reason`.
 * Without `DISPLAY` no process is started. Without `xprop` windows are listed with state [].
 */
export async function listWindows(env: DesktopEnv = process.env): Promise<WindowList> {
  const display = env.DISPLAY || null;
  const { paths, missing } = locateTools(env);
  const unavailable = (reason: string): WindowList => ({
    available: false,
    reason,
    missing,
    display,
    windows: [],
  });
  if (!display) return unavailable("no desktop session");
  if (!paths.wmctrl) return unavailable("wmctrl is not installed");

  const listed = await run([paths.wmctrl, "-l", "-p", "-G", "-x"], env);
  if (listed.failure !== null)
    return unavailable(
      /cannot open display/i.test(listed.failure)
        ? `cannot reach display ${display}`
        : `wmctrl failed: ${listed.failure}`,
    );
  const windows = listed.stdout.split("\n").flatMap((line) => parseWmctrlLine(line) ?? []);
  const { xprop } = paths;
  if (xprop) {
    await Promise.all(
      windows.map(async (window) => {
        const read = await run([xprop, "-id", window.id, "_NET_WM_STATE"], env);
        // A window that closed since the listing has no state left to read.
        if (read.failure === null) window.state = parseNetWmState(read.stdout);
      }),
    );
  }
  return { available: true, reason: null, missing, display, windows };
}

/**
 * Focuses (activates and raises), minimizes or closes (politely, via WM_DELETE_WINDOW) a
 * window of the session in `env.DISPLAY`. Throws {@link WindowNotFound} for an id that is
 * malformed or not in the current list, {@link DesktopUnavailable} when the desktop cannot
 * be used, a 502 AppError when the tool fails or does not finish within 3 s (its trimmed
 * stderr, at most 200 characters, or why it was stopped).
 */
export async function windowAction(id: string, action: WindowAction, env: DesktopEnv = process.env) {
  if (!isWindowId(id)) throw new WindowNotFound(id);
  const list = await listWindows(env);
  const { wmctrl, xdotool } = locateTools(env).paths;
  if (!list.available || !wmctrl) throw new DesktopUnavailable(list.reason ?? "wmctrl is not installed");
  const target = normaliseId(id);
  if (!list.windows.some((window) => window.id === target)) throw new WindowNotFound(id);
  const argv = {
    focus: [wmctrl, "-i", "-a", target],
    close: [wmctrl, "-i", "-c", target],
    minimize: xdotool
      ? [xdotool, "windowminimize", target]
      : [wmctrl, "-i", "-r", target, "-b", "add,hidden"],
  }[action];
  const { failure } = await run(argv, env);
  if (failure !== null)
    throw new AppError(502, "window_action_failed", "Window action failed", `${action} failed: ${failure}`);
}

function locateTools(env: DesktopEnv): { paths: Partial<Record<Tool, string>>; missing: Tool[] } {
  const paths: Partial<Record<Tool, string>> = {};
  const missing: Tool[] = [];
  for (const tool of TOOLS) {
    const path = env.PATH ? Bun.which(tool, { PATH: env.PATH }) : null;
    if (path) paths[tool] = path;
    else missing.push(tool);
  }
  return { paths, missing };
}

/** Runs a tool; `failure` is null on exit 0, else its stderr (trimmed, ≤ 200 chars) or why it ended. */
async function run(argv: string[], env: DesktopEnv): Promise<{ stdout: string; failure: string | null }> {
  const proc = Bun.spawn(argv, { env, stdout: "pipe", stderr: "pipe" });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    proc.kill("SIGKILL");
  }, TIMEOUT_MS);
  const [stdout, stderr, code] = await Promise.all([
    new Response(proc.stdout).text(),
    new Response(proc.stderr).text(),
    proc.exited,
  ]);
  clearTimeout(timer);
  if (timedOut) return { stdout, failure: `no answer within ${TIMEOUT_MS / 1000} s` };
  if (code === 0) return { stdout, failure: null };
  return { stdout, failure: stderr.trim().slice(0, 200) || `exit code ${code}` };
}

function normaliseId(id: string): string {
  return `0x${Number.parseInt(id.slice(2), 16).toString(16).padStart(8, "0")}`;
}

// wmctrl -l -p -G -x: id, desktop, pid, x, y, width, height, WM_CLASS, client machine, then
// one space and the title (the machine column is right-aligned, so the title keeps its own spaces).
const WMCTRL_LINE =
  /^(0x[0-9a-f]+)\s+(-?\d+)\s+(\d+)\s+(-?\d+)\s+(-?\d+)\s+(\d+)\s+(\d+)\s+(\S+)\s+\S+(?: (.*))?$/i;

function parseWmctrlLine(line: string): DesktopWindow | null {
  const m = WMCTRL_LINE.exec(line);
  if (!m) return null;
  const [, id = "", desktop, pid, x, y, width, height, wmClass, title = ""] = m;
  return {
    id: normaliseId(id),
    title,
    pid: Number(pid) || null,
    class: wmClass === "N/A" ? null : (wmClass ?? null),
    desktop: Number(desktop) < 0 ? null : Number(desktop),
    geometry: { x: Number(x), y: Number(y), width: Number(width), height: Number(height) },
    state: [],
  };
}

// "_NET_WM_STATE(ATOM) = _NET_WM_STATE_HIDDEN, _NET_WM_STATE_ABOVE", or "… = " / "…:  not found." for none.
function parseNetWmState(output: string): string[] {
  const atoms = output.split("=")[1] ?? "";
  return atoms
    .split(",")
    .map((atom) =>
      atom
        .trim()
        .replace(/^_NET_WM_STATE_/, "")
        .toLowerCase(),
    )
    .filter(Boolean);
}
