/**
 * A real X11 desktop for tests: Xvfb on a display it picks itself and openbox as the EWMH
 * window manager. scripts/install-test-deps.sh installs them; without one of them (or of the
 * tools Warden drives the desktop with, or a client a test starts) a test using this fails
 * naming the Debian package rather than skips.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Subprocess } from "bun";
import { listWindows } from "../../src/desktop/x11.ts";
import { requireTools } from "./tools.ts";

/** A running desktop session. */
export interface TestDesktop {
  /** `:N`, the display Xvfb opened. */
  display: string;
  /** PATH, HOME and DISPLAY for tools and clients of this session. */
  env: Record<string, string>;
  /** A temporary HOME, removed at stop. */
  home: string;
  /** Process id of Xvfb (tests stop it with SIGSTOP to see timeouts). */
  serverPid: number;
  /** Starts a client (or any program) in the session; stopped with it. */
  start(argv: string[], env?: Record<string, string>): Subprocess;
  /** Stops every program started, Xvfb last. */
  stop(): Promise<void>;
}

/** Polls `probe` every 50 ms until it returns something truthy. */
export async function until<T>(
  what: string,
  probe: () => T | Promise<T>,
  ms = 5000,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await Bun.sleep(50);
  }
}

/**
 * Starts Xvfb with -displayfd (it takes the first display whose lock it wins, so test runs
 * in parallel never share a server, and writes the number once it accepts clients) and
 * -noreset (it would otherwise restart whenever its last client disconnects), then openbox,
 * and resolves once the window manager publishes its client list.
 */
export async function startDesktop(): Promise<TestDesktop> {
  // The session, the tools Warden drives it with, and the one the tests read geometry with.
  requireTools("Xvfb", "openbox", "wmctrl", "xprop", "xdotool", "xwininfo");
  const PATH = process.env.PATH ?? "/usr/local/bin:/usr/bin:/bin";
  const home = mkdtempSync(join(tmpdir(), "warden-x11-"));
  const started: Subprocess[] = [];
  const argv = ["Xvfb", "-displayfd", "1", "-screen", "0", "1024x768x24", "-nolisten", "tcp", "-noreset"];
  const server = Bun.spawn(argv, {
    env: { PATH, HOME: home },
    stdin: "ignore",
    stdout: "pipe",
    stderr: "ignore",
  });
  started.push(server);
  let written = "";
  for await (const chunk of server.stdout) {
    written += new TextDecoder().decode(chunk);
    if (written.includes("\n")) break;
  }
  if (!written.includes("\n"))
    throw new Error(`Xvfb exited (${await server.exited}) without opening a display`);
  const display = `:${written.trim()}`;
  const env = { PATH, HOME: home, DISPLAY: display };
  const start = (command: string[], environment: Record<string, string> = env) => {
    requireTools(command[0] ?? "");
    const proc = Bun.spawn(command, {
      env: environment,
      stdin: "ignore",
      stdout: "ignore",
      stderr: "ignore",
    });
    started.push(proc);
    return proc;
  };
  start(["openbox", "--sm-disable"]);
  await until("openbox", async () => (await listWindows(env)).available);
  return {
    display,
    env,
    home,
    serverPid: server.pid,
    start,
    stop: async () => {
      for (const proc of started.reverse()) {
        proc.kill(); // SIGTERM: Xvfb then removes its socket and lock file
        await proc.exited;
      }
      rmSync(home, { recursive: true, force: true });
    },
  };
}
