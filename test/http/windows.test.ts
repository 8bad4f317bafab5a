/**
 * The windows API against a real X11 session (Xvfb + openbox + xterm, test/helpers/desktop.ts):
 * a client's window is listed with its pid; an admin focuses, minimizes and closes it (the
 * client exits, the window leaves the list, the audit log has each action); other roles get
 * 403; unknown windows 404.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { Subprocess } from "bun";
import { createTestApp, jsonInit, type TestApp } from "../helpers/app.ts";
import { startDesktop, type TestDesktop, until } from "../helpers/desktop.ts";

let desktop: TestDesktop;
let t: TestApp;
let xterm: Subprocess;
// Not ASCII on purpose: the tools must run in a UTF-8 locale to report it.
const title = `warden-api — ${crypto.randomUUID().slice(0, 8)} ✓`;

interface Listed {
  available: boolean;
  windows: { id: string; title: string; pid: number | null; state: string[] }[];
}
const list = async (): Promise<Listed> => (await t.as("viewer", "/api/v1/windows")).json();
const mine = async () => (await list()).windows.find((w) => w.title === title);

beforeAll(async () => {
  desktop = await startDesktop();
  t = await createTestApp({ desktop: { display: desktop.display, xauthority: null } });
  xterm = desktop.start(["xterm", "-T", title, "-e", "sleep", "600"]);
  await until("the xterm window", mine);
}, 30_000);
afterAll(async () => {
  t.close();
  await desktop.stop();
});

describe("/api/v1/windows on a real desktop", () => {
  test("lists the client's window with its pid", async () => {
    const body = await list();
    expect(body.available).toBe(true);
    expect(await mine()).toMatchObject({ title, pid: xterm.pid, state: [] });
  });

  test("viewers, analysts and managers cannot act; unknown and malformed ids are 404 and 422", async () => {
    const window = await mine();
    for (const role of ["viewer", "analyst", "manager"] as const)
      expect((await t.as(role, `/api/v1/windows/${window?.id}/close`, jsonInit({}))).status).toBe(403);
    expect((await t.as("admin", "/api/v1/windows/0x0badf00d/focus", jsonInit({}))).status).toBe(404);
    expect((await t.as("admin", "/api/v1/windows/xterm/close", jsonInit({}))).status).toBe(422);
  });

  test("an admin minimizes, focuses and closes it; each action is audited", async () => {
    const window = await mine();
    if (!window) throw new Error("window not listed");
    const act = (action: string) => t.as("admin", `/api/v1/windows/${window.id}/${action}`, jsonInit({}));
    expect((await act("minimize")).status).toBe(200);
    await until("hidden", async () => (await mine())?.state.includes("hidden"));
    expect((await act("focus")).status).toBe(200);
    await until("shown again", async () => !(await mine())?.state.includes("hidden"));
    const closed = await act("close");
    expect(closed.status).toBe(200);
    expect(await closed.json()).toEqual({ id: window.id, action: "close" });
    await until("gone from the list", async () => (await mine()) === undefined, 5000);
    expect(await Promise.race([xterm.exited, Bun.sleep(5000).then(() => "still running")])).not.toBe(
      "still running",
    );
    const audit = JSON.stringify(await (await t.as("admin", "/api/v1/audit?resourceType=window")).json());
    for (const action of ["window.minimize", "window.focus", "window.close"]) expect(audit).toContain(action);
    expect(audit).toContain(title);
  });
});
