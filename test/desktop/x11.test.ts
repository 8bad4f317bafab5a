// Runs against a real X server: Xvfb on a free display, openbox as the EWMH window manager,
// xterm (sets _NET_WM_PID) and xmessage (does not) as clients. scripts/install-test-deps.sh
// installs them; without one this file fails naming its Debian package rather than skips.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Subprocess } from "bun";
import {
  type DesktopEnv,
  DesktopUnavailable,
  type DesktopWindow,
  isWindowId,
  listWindows,
  WindowNotFound,
  windowAction,
} from "../../src/desktop/x11.ts";
import { startDesktop, type TestDesktop, until } from "../helpers/desktop.ts";

let desktop: TestDesktop;
let env: DesktopEnv;
let home: string;
const start = (argv: string[], environment?: DesktopEnv) =>
  desktop.start(argv, environment as Record<string, string> | undefined);

async function windowTitled(title: string, environment = env): Promise<DesktopWindow | undefined> {
  return (await listWindows(environment)).windows.find((window) => window.title === title);
}

async function activeWindow(): Promise<string | null> {
  const out = await new Response(Bun.spawn(["xprop", "-root", "_NET_ACTIVE_WINDOW"], { env }).stdout).text();
  const hex = /0x[0-9a-f]+/i.exec(out)?.[0];
  return hex ? `0x${Number.parseInt(hex, 16).toString(16).padStart(8, "0")}` : null;
}

/** A directory holding only the named tools, for a PATH that lacks the others. */
function binWith(...tools: string[]): string {
  const dir = mkdtempSync(join(home, "bin-"));
  for (const tool of tools) symlinkSync(Bun.which(tool) ?? tool, join(dir, tool));
  return dir;
}

const unique = () => `warden-test-${crypto.randomUUID().slice(0, 8)}`;
let xterm: Subprocess;
let xtermTitle: string;
let xmessage: Subprocess;
let xmessageTitle: string;
let untitled: Subprocess;
const ownedBy = (proc: Subprocess) => (window: DesktopWindow) => window.pid === proc.pid;

beforeAll(async () => {
  desktop = await startDesktop();
  env = desktop.env;
  home = desktop.home;
  xtermTitle = unique();
  xterm = start(["xterm", "-T", xtermTitle, "-e", "sleep", "600"], env);
  xmessageTitle = `  ${unique()} with  spaces`;
  xmessage = start(["xmessage", "-title", xmessageTitle, "hello from warden"], env);
  untitled = start(["xterm", "-T", "", "-e", "sleep", "600"], env);
  await until("all clients listed", async () => {
    const { windows } = await listWindows(env);
    const titles = windows.map((window) => window.title);
    return titles.includes(xtermTitle) && titles.includes(xmessageTitle) && windows.some(ownedBy(untitled));
  });
}, 30_000);

afterAll(() => desktop.stop());

describe("isWindowId", () => {
  test("accepts 0x and 1 to 8 hex digits in any case, nothing else", () => {
    for (const id of ["0x1", "0x00400030", "0XABCDEF01", "0xdeadBEEF"]) expect(isWindowId(id)).toBe(true);
    for (const id of ["", "0x", "400030", "0x123456789", "0x12g4", " 0x1", "0x1 "])
      expect(isWindowId(id)).toBe(false);
  });
});

describe("listWindows on a live session", () => {
  test("lists a client with its pid, class, desktop and geometry", async () => {
    const list = await listWindows(env);
    expect(list).toMatchObject({ available: true, reason: null, missing: [], display: env.DISPLAY });
    const window = list.windows.find((w) => w.title === xtermTitle);
    expect(window).toBeDefined();
    if (!window) return;
    expect(window.id).toMatch(/^0x[0-9a-f]{8}$/);
    expect(window.pid).toBe(xterm.pid);
    expect(window.class).toBe("xterm.XTerm");
    expect(window.desktop).toBe(0);
    expect(window.state).toEqual([]);
    // The size is the X server's; wmctrl adds the client's offset inside openbox's frame to
    // its position a second time (origin plus size can exceed the screen), so only the origin is bounded.
    const { x, y, width, height } = window.geometry;
    const xwininfo = await new Response(Bun.spawn(["xwininfo", "-id", window.id], { env }).stdout).text();
    expect(width).toBe(Number(/^\s*Width: (\d+)$/m.exec(xwininfo)?.[1]));
    expect(height).toBe(Number(/^\s*Height: (\d+)$/m.exec(xwininfo)?.[1]));
    expect(width).toBeGreaterThan(10);
    expect(x).toBeGreaterThanOrEqual(0);
    expect(x).toBeLessThan(1024);
    expect(y).toBeGreaterThanOrEqual(0);
    expect(y).toBeLessThan(768);
  });

  test("titles keep their spaces and may be empty", async () => {
    const { windows } = await listWindows(env);
    expect(windows.map((window) => window.title)).toContain(xmessageTitle);
    expect(windows.find(ownedBy(untitled))?.title).toBe("");
  });

  test("a client that does not set _NET_WM_PID has pid null", async () => {
    const window = await windowTitled(xmessageTitle);
    expect(window).toMatchObject({ pid: null, class: "xmessage.Xmessage", desktop: 0 });
  });

  test("an X server that does not answer is reported after the 3 s timeout, not awaited", async () => {
    process.kill(desktop.serverPid, "SIGSTOP");
    try {
      const startedAt = Date.now();
      const list = await listWindows(env);
      expect(Date.now() - startedAt).toBeLessThan(6000);
      expect(list).toMatchObject({
        available: false,
        reason: "wmctrl failed: no answer within 3 s",
        windows: [],
      });
    } finally {
      process.kill(desktop.serverPid, "SIGCONT");
    }
  });
});

describe("windowAction on a live session", () => {
  test("minimize hides the window; focus shows and activates it", async () => {
    const window = await windowTitled(xtermTitle);
    if (!window) throw new Error("xterm window not listed");
    await windowAction(window.id, "minimize", env);
    await until("hidden state", async () => (await windowTitled(xtermTitle))?.state.includes("hidden"));

    // Any spelling of the id will do: no leading zeros, upper case.
    await windowAction(`0x${Number.parseInt(window.id, 16).toString(16).toUpperCase()}`, "focus", env);
    await until("not hidden", async () => !(await windowTitled(xtermTitle))?.state.includes("hidden"));
    await until("active window", async () => (await activeWindow()) === window.id);
  });

  test("without xdotool, minimize falls back to wmctrl; without xprop, state is []", async () => {
    const noXdotool = { ...env, PATH: binWith("wmctrl", "xprop") };
    const before = await listWindows(noXdotool);
    expect(before.missing).toEqual(["xdotool"]);
    const window = before.windows.find((w) => w.title === xmessageTitle);
    if (!window) throw new Error("xmessage window not listed");
    await windowAction(window.id, "minimize", noXdotool);
    await until("hidden state", async () =>
      (await windowTitled(xmessageTitle, noXdotool))?.state.includes("hidden"),
    );

    const onlyWmctrl = await listWindows({ ...env, PATH: binWith("wmctrl") });
    expect(onlyWmctrl).toMatchObject({ available: true, missing: ["xprop", "xdotool"] });
    expect(onlyWmctrl.windows.find((w) => w.title === xmessageTitle)?.state).toEqual([]);
  });

  test("close removes the window and its client exits", async () => {
    const window = await windowTitled(xtermTitle);
    if (!window) throw new Error("xterm window not listed");
    await windowAction(window.id, "close", env);
    await until("window gone", async () => !(await windowTitled(xtermTitle)), 3000);
    await until("xterm exited", () => xterm.exitCode !== null, 3000);
  });

  test("an id not in the list, or not an id at all, is WindowNotFound", async () => {
    // X resource ids never use the top three bits, so this one cannot name a window.
    await expect(windowAction("0xfffffff0", "focus", env)).rejects.toBeInstanceOf(WindowNotFound);
    for (const id of ["not-a-window", "0x123456789", "4194352"]) {
      await expect(windowAction(id, "close", env)).rejects.toBeInstanceOf(WindowNotFound);
    }
    expect(xmessage.exitCode).toBeNull();
  });
});

describe("without a usable desktop", () => {
  test("no DISPLAY: 'no desktop session' and no process started", async () => {
    // A stand-in wmctrl that leaves a mark if it is ever run.
    const bin = join(home, "sentinel-bin");
    const mark = join(home, "wmctrl-ran");
    mkdirSync(bin, { recursive: true });
    writeFileSync(join(bin, "wmctrl"), `#!/bin/sh\ntouch '${mark}'\n`);
    chmodSync(join(bin, "wmctrl"), 0o755);
    for (const DISPLAY of [undefined, ""]) {
      expect(await listWindows({ PATH: bin, DISPLAY })).toEqual({
        available: false,
        reason: "no desktop session",
        missing: ["xprop", "xdotool"],
        display: null,
        windows: [],
      });
      const action = windowAction("0x00400030", "focus", { PATH: bin, DISPLAY });
      await expect(action).rejects.toBeInstanceOf(DesktopUnavailable);
      await expect(action).rejects.toMatchObject({ reason: "no desktop session" });
    }
    expect(existsSync(mark)).toBe(false);
  });

  test("a display nobody serves: 'cannot reach display :999'", async () => {
    expect(existsSync("/tmp/.X11-unix/X999")).toBe(false);
    const list = await listWindows({ PATH: env.PATH, HOME: home, DISPLAY: ":999" });
    expect(list).toEqual({
      available: false,
      reason: "cannot reach display :999",
      missing: [],
      display: ":999",
      windows: [],
    });
  });

  test("PATH without wmctrl: 'wmctrl is not installed'", async () => {
    const noTools = { ...env, PATH: "/nonexistent" };
    expect(await listWindows(noTools)).toMatchObject({
      available: false,
      reason: "wmctrl is not installed",
      missing: ["wmctrl", "xprop", "xdotool"],
      windows: [],
    });
    await expect(windowAction("0x00400030", "close", noTools)).rejects.toMatchObject({
      name: "DesktopUnavailable",
      reason: "wmctrl is not installed",
    });
  });
});
