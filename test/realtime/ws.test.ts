import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createTestApp, jsonInit, type TestApp } from "../helpers/app.ts";
import { type ListeningApp, listen } from "../helpers/listen.ts";
import { watchSocket } from "../helpers/ws-client.ts";

let t: TestApp;
let served: ListeningApp;
let url: string;

beforeAll(async () => {
  t = await createTestApp({ monitor: { intervalMs: 250 } });
  t.metrics.start();
  served = listen(t);
  url = served.wsUrl;
});
afterAll(async () => {
  await served.stop();
  t.close();
});

type Message = {
  type: string;
  id?: unknown;
  topic?: string;
  name?: string;
  data?: unknown;
  error?: { code: string };
};

/** A real WebSocket client collecting what the server sends. */
function connect(protocols?: string[], headers?: Record<string, string>) {
  return watchSocket<Message>(new WebSocket(url, { protocols, headers } as unknown as string[]));
}

describe("GET /api/v1/ws", () => {
  test("bearer in Sec-WebSocket-Protocol: subscribe to metrics, receive ticks, ping and request", async () => {
    const c = connect(["bearer", await t.tokenFor("viewer")]);
    expect(await c.opened).toBe(true);
    expect(c.socket.protocol).toBe("bearer");
    await c.waitFor((m) => m.type === "welcome");
    c.send({ type: "subscribe", topic: "metrics" });
    await c.waitFor((m) => m.type === "subscribed" && m.topic === "metrics");
    const tick = await c.waitFor((m) => m.type === "event" && m.name === "metrics.tick");
    expect((tick.data as { cpu: { busy: number } }).cpu.busy).toBeGreaterThanOrEqual(0);
    c.send({ type: "ping", id: 7 });
    await c.waitFor((m) => m.type === "pong" && m.id === 7);
    c.send({ type: "request", id: "q1", method: "metrics.current" });
    const response = await c.waitFor((m) => m.type === "response" && m.id === "q1");
    expect((response.data as { latest: unknown }).latest).not.toBeNull();
    c.send({ type: "unsubscribe", topic: "metrics" });
    await c.waitFor((m) => m.type === "unsubscribed");
    c.socket.close();
  });

  test("bad messages get error frames and the connection stays open", async () => {
    const c = connect(["bearer", await t.tokenFor("viewer")]);
    await c.opened;
    c.send("{ not json");
    await c.waitFor((m) => m.error?.code === "invalid_json");
    c.send({ type: "subscribe" });
    await c.waitFor((m) => m.error?.code === "invalid_message");
    c.send({ type: "subscribe", topic: "nope" });
    await c.waitFor((m) => m.error?.code === "unknown_topic");
    c.send({ type: "request", id: 1, method: "shell.exec" });
    await c.waitFor((m) => m.error?.code === "unknown_method" && m.id === 1);
    c.send({ type: "ping", id: "still-here" });
    await c.waitFor((m) => m.type === "pong" && m.id === "still-here");
    expect(c.closed()).toBeNull();
    c.socket.close();
  });

  test("subscribe and unsubscribe echo their id, also when refused", async () => {
    const c = connect(["bearer", await t.tokenFor("viewer")]);
    await c.waitFor((m) => m.type === "welcome");
    c.send({ type: "subscribe", topic: "scans", id: "s1" });
    await c.waitFor((m) => m.error?.code === "forbidden" && m.id === "s1");
    c.send({ type: "subscribe", topic: "nope", id: 2 });
    await c.waitFor((m) => m.error?.code === "unknown_topic" && m.id === 2);
    c.send({ type: "subscribe", topic: "metrics", id: "s3" });
    await c.waitFor((m) => m.type === "subscribed" && m.id === "s3");
    c.send({ type: "unsubscribe", topic: "metrics", id: "s4" });
    await c.waitFor((m) => m.type === "unsubscribed" && m.id === "s4");
    c.socket.close();
  });

  test("authenticate with a first message; without it nothing is served; a bad token closes", async () => {
    const c = connect();
    expect(await c.opened).toBe(true);
    c.send({ type: "subscribe", topic: "metrics" });
    await c.waitFor((m) => m.error?.code === "unauthorized");
    c.send({ type: "auth", token: await t.tokenFor("analyst") });
    await c.waitFor((m) => m.type === "welcome");
    c.socket.close();

    const bad = connect();
    await bad.opened;
    bad.send({ type: "auth", token: "garbage" });
    const start = Date.now();
    while (!bad.closed() && Date.now() - start < 3000) await Bun.sleep(20);
    expect(bad.closed()?.code).toBe(4401);
  });

  test("a bad bearer or a cross-site cookie session is refused at the handshake", async () => {
    expect(await connect(["bearer", "not-a-token"]).opened).toBe(false);
    const pair = await (
      await t.as(null, "/api/v1/auth/login", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ login: "viewer", password: "correct-horse-battery-9" }),
      })
    ).json();
    const cookie = `warden_at=${pair.accessToken}`;
    expect(await connect(undefined, { Cookie: cookie, Origin: "https://evil.example" }).opened).toBe(false);
    const same = connect(undefined, { Cookie: cookie, Origin: new URL(url).origin.replace("ws:", "http:") });
    expect(await same.opened).toBe(true);
    await same.waitFor((m) => m.type === "welcome");
    same.socket.close();
  });

  test("a socket closes (4401) when its user's password is reset", async () => {
    const c = connect(["bearer", await t.tokenFor("manager")]);
    await c.opened;
    await c.waitFor((m) => m.type === "welcome");
    const res = await t.as("admin", `/api/v1/users/${t.users.manager.id}/reset-password`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ password: "manager-new-password-1" }),
    });
    expect(res.status).toBe(204);
    const start = Date.now();
    while (!c.closed() && Date.now() - start < 3000) await Bun.sleep(20);
    expect(c.closed()?.code).toBe(4401);
  });

  test("flooding gets rate-limit errors; an oversized message closes with 1009", async () => {
    const c = connect(["bearer", await t.tokenFor("viewer")]);
    await c.opened;
    for (let i = 0; i < 25; i++) c.send({ type: "ping", id: i });
    await c.waitFor((m) => m.error?.code === "rate_limited");
    await Bun.sleep(1100);
    expect(c.messages.filter((m) => m.type === "pong")).toHaveLength(20);
    expect(c.closed()).toBeNull();
    c.send("x".repeat(70 * 1024));
    const start = Date.now();
    while (!c.closed() && Date.now() - start < 3000) await Bun.sleep(20);
    expect(c.closed()?.code).toBe(1009);
  });
});

describe("notifications over WebSocket", () => {
  test("a notification reaches only its recipient's socket", async () => {
    const analyst = connect(["bearer", await t.tokenFor("analyst")]);
    const viewer = connect(["bearer", await t.tokenFor("viewer")]);
    for (const c of [analyst, viewer]) {
      expect(await c.opened).toBe(true);
      c.send({ type: "subscribe", topic: "notifications" });
      await c.waitFor((m) => m.type === "subscribed");
    }
    const assign = (userId: string, title: string) =>
      t.as("admin", "/api/v1/incidents", jsonInit({ title, severity: "medium", assignedTo: userId }));
    await assign(t.users.analyst.id, "For the analyst");
    const mine = await analyst.waitFor((m) => m.name === "notification.created");
    expect(mine.data).toMatchObject({ userId: t.users.analyst.id, unread: 1 });
    await assign(t.users.viewer.id, "For the viewer");
    await viewer.waitFor((m) => m.name === "notification.created");
    const seen = viewer.messages.filter((m) => m.name === "notification.created");
    expect(seen.map((m) => (m.data as { userId: string }).userId)).toEqual([t.users.viewer.id]);
    analyst.socket.close();
    viewer.socket.close();
  });
});
