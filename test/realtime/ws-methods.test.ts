import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createTestApp, type TestApp } from "../helpers/app.ts";
import { type ListeningApp, listen } from "../helpers/listen.ts";
import { watchSocket } from "../helpers/ws-client.ts";

let t: TestApp;
let served: ListeningApp;
let url: string;
const children: Bun.Subprocess[] = [];

beforeAll(async () => {
  t = await createTestApp({
    monitor: { processIntervalMs: 500 },
    desktop: { display: null, xauthority: null },
  });
  t.metrics.start();
  served = listen(t);
  url = served.wsUrl;
});
afterAll(async () => {
  for (const child of children) child.kill("SIGKILL");
  await served.stop();
  t.metrics.stop();
  t.close();
});

type Message = {
  type: string;
  id?: unknown;
  name?: string;
  data?: unknown;
  error?: { code: string; status?: number; message: string };
};

/** A real WebSocket client authenticated as `role`; `call` sends a request and awaits its answer. */
async function client(role: "admin" | "viewer" | "analyst") {
  const c = watchSocket<Message>(new WebSocket(url, ["bearer", await t.tokenFor(role)]), 6000);
  await c.opened;
  return c;
}

describe("WebSocket methods: same rules as REST", () => {
  test("processes.list finds a started process; process.signal kills it as admin", async () => {
    const marker = `${700 + Math.floor(Math.random() * 100)}.${Date.now() % 10_000}`;
    const proc = Bun.spawn(["sleep", marker]);
    children.push(proc);
    const admin = await client("admin");
    let found: { pid: number }[] = [];
    for (let i = 0; i < 30 && found.length === 0; i++) {
      const res = await admin.call("processes.list", { q: marker });
      expect(res.type).toBe("response");
      found = (res.data as { items: { pid: number }[] }).items;
      if (found.length === 0) await Bun.sleep(200);
    }
    expect(found.map((p) => p.pid)).toEqual([proc.pid]);
    const signalled = await admin.call("process.signal", { pid: proc.pid, signal: "KILL" });
    expect(signalled).toMatchObject({ type: "response", data: { pid: proc.pid, signal: "KILL" } });
    await proc.exited;
    expect(proc.signalCode).toBe("SIGKILL");
    admin.socket.close();
  });

  test("viewers and analysts are refused; bad params and pid 1 get error frames; the socket stays open", async () => {
    const proc = Bun.spawn(["sleep", "300"]);
    children.push(proc);
    for (const role of ["viewer", "analyst"] as const) {
      const c = await client(role);
      const res = await c.call("process.signal", { pid: proc.pid, signal: "KILL" });
      expect(res.error).toMatchObject({ code: "forbidden", status: 403 });
      const win = await c.call("window.action", { id: "0x00400007", action: "close" });
      expect(win.error).toMatchObject({ code: "forbidden", status: 403 });
      c.socket.close();
    }
    const admin = await client("admin");
    expect((await admin.call("process.signal", { pid: 1, signal: "TERM" })).error?.status).toBe(403);
    expect((await admin.call("process.signal", { pid: 4194000, signal: "TERM" })).error?.status).toBe(404);
    const bad = await admin.call("process.signal", { pid: "one", signal: "SEGV" });
    expect(bad.error?.code).toBe("invalid_params");
    expect(bad.error?.message).toContain("signal");
    expect((await admin.call("processes.list", { sort: "secret" })).error?.code).toBe("invalid_params");
    expect((await admin.call("window.action", { id: "nope", action: "close" })).error?.code).toBe(
      "invalid_params",
    );
    expect(proc.exitCode).toBeNull();
    admin.send({ type: "ping", id: "alive" });
    await admin.waitFor((m) => m.type === "pong" && m.id === "alive");
    admin.socket.close();
  });

  test("a role without the permission is refused before its params are read; unknown params are refused", async () => {
    const viewer = await client("viewer");
    // Invalid params from a role that may not signal: 403, not a validation answer.
    const invalid = await viewer.call("process.signal", { pid: "one", signal: "SEGV", extra: true });
    expect(invalid.error).toMatchObject({ code: "forbidden", status: 403 });
    viewer.socket.close();
    const admin = await client("admin");
    const unknown = await admin.call("processes.list", { pageSize: 5, colour: "red" });
    expect(unknown.error?.code).toBe("invalid_params");
    expect(unknown.error?.message).toContain("colour");
    const extra = await admin.call("metrics.current", { verbose: true });
    expect(extra.error?.code).toBe("invalid_params");
    admin.socket.close();
  });

  test("windows.list without a desktop session answers with the reason", async () => {
    const c = await client("viewer");
    const res = await c.call("windows.list");
    expect(res.data).toMatchObject({ available: false, reason: "no desktop session", windows: [] });
    c.socket.close();
  });

  test("the processes topic streams the table while subscribed", async () => {
    const c = await client("viewer");
    c.send({ type: "subscribe", topic: "processes" });
    const event = await c.waitFor((m) => m.name === "processes.list");
    const data = event.data as { at: number; processes: { pid: number }[] };
    expect(data.processes.some((p) => p.pid === process.pid)).toBe(true);
    c.socket.close();
  });
});
