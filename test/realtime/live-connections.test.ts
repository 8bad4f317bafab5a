/**
 * Live connections end with the credential they were opened with, and one limit counts a
 * user's event streams and WebSockets together — over real sockets on a listening server.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { Role } from "../../src/db/schema/users.ts";
import { REFRESH_REUSE_GRACE_MS } from "../../src/modules/auth/sessions.ts";
import { createdAs, createTestApp, jsonInit, TEST_PASSWORD, type TestApp } from "../helpers/app.ts";
import { until } from "../helpers/desktop.ts";
import { type ListeningApp, listen } from "../helpers/listen.ts";
import { openSse } from "../helpers/sse-client.ts";
import { watchSocket } from "../helpers/ws-client.ts";

let t: TestApp;
let served: ListeningApp;
const children: Bun.Subprocess[] = [];

beforeAll(async () => {
  t = await createTestApp({ realtime: { maxStreamsPerUser: 2, heartbeatMs: 1000 } });
  served = listen(t);
});
afterAll(async () => {
  for (const child of children) child.kill("SIGKILL");
  await served.stop();
  await t.close();
});

type Message = { type: string; id?: unknown; data?: unknown; error?: { code: string; status?: number } };

/** A real WebSocket client: bearer `token` in Sec-WebSocket-Protocol, or none (auth message later). */
function connect(token?: string) {
  return watchSocket<Message>(new WebSocket(served.wsUrl, token ? ["bearer", token] : undefined));
}

/** Closes within `ms` or fails; the close code and reason. */
async function closedWithin(ws: ReturnType<typeof connect>, ms = 2000) {
  return Promise.race([
    ws.ended,
    Bun.sleep(ms).then(() => {
      throw new Error(`still open after ${ms} ms`);
    }),
  ]);
}

/** The head of a raw WebSocket handshake's answer (status line and headers). */
async function handshake(headers: Record<string, string>): Promise<string> {
  const { hostname, port } = new URL(served.url);
  const request = [
    "GET /api/v1/ws HTTP/1.1",
    `Host: ${hostname}:${port}`,
    "Upgrade: websocket",
    "Connection: Upgrade",
    "Sec-WebSocket-Version: 13",
    `Sec-WebSocket-Key: ${Buffer.from("warden-test-key!").toString("base64")}`,
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
    "",
    "",
  ].join("\r\n");
  return new Promise((resolve, reject) => {
    let text = "";
    void Bun.connect({
      hostname,
      port: Number(port),
      socket: {
        open: (socket) => void socket.write(request),
        data: (socket, chunk) => {
          text += chunk.toString();
          const end = text.indexOf("\r\n\r\n");
          if (end >= 0) {
            resolve(text.slice(0, end));
            socket.end();
          }
        },
        error: (_socket, error) => reject(error),
        close: () => reject(new Error(`closed without an answer: ${text}`)),
      },
    });
  });
}

/** The status code of a raw WebSocket handshake with a bearer token (101 when it upgrades). */
async function handshakeStatus(token: string): Promise<number> {
  const head = await handshake({ "Sec-WebSocket-Protocol": `bearer, ${token}` });
  return Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1]);
}

/** A new `wdn_` token of the seeded user with `role`. */
async function apiToken(role: Role, name = "live") {
  return (await createdAs(t, role, "/api/v1/tokens", { name })) as { id: string; token: string };
}

const sse = (token: string) =>
  openSse(`${served.url}/events?topics=metrics`, { Authorization: `Bearer ${token}` });

describe("a live connection ends with its credential", () => {
  test("revoking an API token closes its WebSocket (4401 token revoked); the token cannot send process.signal again", async () => {
    await until("the connections", () => t.connections.size === 0, 3000);
    const sleeper = Bun.spawn(["sleep", "300"]);
    children.push(sleeper);
    const { id, token } = await apiToken("admin");
    const ws = connect(token);
    expect(await ws.opened).toBe(true);
    await ws.waitFor((m) => m.type === "welcome");
    expect(await ws.call("process.signal", { pid: sleeper.pid, signal: "CONT" })).toMatchObject({
      type: "response",
    });
    // Another token of the same user keeps its socket.
    const other = connect((await apiToken("admin", "other")).token);
    await other.waitFor((m) => m.type === "welcome");

    expect((await t.as("admin", `/api/v1/tokens/${id}`, { method: "DELETE" })).status).toBe(204);
    expect(await closedWithin(ws)).toEqual({ code: 4401, reason: "token revoked" });
    expect(other.closed()).toBeNull();

    expect(await handshakeStatus(token)).toBe(401);
    const again = connect();
    await again.opened;
    again.send({ type: "auth", token });
    again.send({
      type: "request",
      id: 1,
      method: "process.signal",
      params: { pid: sleeper.pid, signal: "KILL" },
    });
    expect(await closedWithin(again)).toEqual({ code: 4401, reason: "invalid token" });
    expect(again.messages.some((m) => m.type === "response")).toBe(false);
    expect(sleeper.exitCode).toBeNull();
    expect(sleeper.signalCode).toBeNull();
    other.socket.close();
  });

  test("revoking an API token ends its event stream with stream.ended", async () => {
    await until("the connections", () => t.connections.size === 0, 3000);
    const { id, token } = await apiToken("viewer");
    const stream = await sse(token);
    expect(stream.res.status).toBe(200);
    await until("the connections", () => stream.events.length > 0, 3000);
    expect((await t.as("viewer", `/api/v1/tokens/${id}`, { method: "DELETE" })).status).toBe(204);
    await Promise.race([stream.done, Bun.sleep(2000).then(() => Promise.reject(new Error("still open")))]);
    expect(stream.events.at(-1)).toMatchObject({
      event: "stream.ended",
      data: JSON.stringify({ reason: "token revoked" }),
    });
    expect((await sse(token)).res.status).toBe(401);
  });

  test("an API token that expires while its socket and stream are open closes them at its expiry", async () => {
    await until("the connections", () => t.connections.size === 0, 3000);
    const { id, token } = await apiToken("analyst");
    await t.database.client.execute({
      sql: "UPDATE api_tokens SET expires_at = ? WHERE id = ?",
      args: [Date.now() + 1500, id],
    });
    const ws = connect(token);
    await ws.waitFor((m) => m.type === "welcome");
    const stream = await sse(token);
    expect(stream.res.status).toBe(200);
    expect(ws.closed()).toBeNull();
    expect(await closedWithin(ws, 3000)).toEqual({ code: 4401, reason: "token expired" });
    await stream.done;
    expect(stream.events.at(-1)?.data).toBe(JSON.stringify({ reason: "token expired" }));
  });

  test("refresh-token reuse closes the sockets of that session only", async () => {
    await until("the connections", () => t.connections.size === 0, 3000);
    const signIn = async () =>
      (await (
        await t.as(null, "/api/v1/auth/login", jsonInit({ login: "manager", password: TEST_PASSWORD }))
      ).json()) as { accessToken: string; refreshToken: string };
    const leaked = await signIn();
    const other = await signIn();
    const ws = connect(leaked.accessToken);
    const bystander = connect(other.accessToken);
    await ws.waitFor((m) => m.type === "welcome");
    await bystander.waitFor((m) => m.type === "welcome");
    await t.as(null, "/api/v1/auth/refresh", jsonInit({ refreshToken: leaked.refreshToken }));
    expect(ws.closed()).toBeNull();
    // The same refresh token again, later: it leaked, its session is revoked.
    await t.database.client.execute({
      sql: "UPDATE refresh_tokens SET used_at = used_at - ? WHERE used_at IS NOT NULL",
      args: [REFRESH_REUSE_GRACE_MS + 1000],
    });
    await t.as(null, "/api/v1/auth/refresh", jsonInit({ refreshToken: leaked.refreshToken }));
    expect(await closedWithin(ws)).toEqual({ code: 4401, reason: "session revoked" });
    expect(bystander.closed()).toBeNull();
    // Signing out closes the other session's socket.
    await t.as(null, "/api/v1/auth/logout", jsonInit({ refreshToken: other.refreshToken }));
    expect(await closedWithin(bystander)).toEqual({ code: 4401, reason: "signed out" });
  });

  test("a role change closes the user's API-token sockets and streams too", async () => {
    await until("the connections", () => t.connections.size === 0, 3000);
    const { token } = await apiToken("viewer");
    const ws = connect(token);
    await ws.waitFor((m) => m.type === "welcome");
    const stream = await sse(token);
    await until("the connections", () => stream.events.length > 0, 3000);
    const patch = (role: Role) =>
      t.as("admin", `/api/v1/users/${t.users.viewer.id}`, jsonInit({ role }, "PATCH"));
    expect((await patch("analyst")).status).toBe(200);
    expect(await closedWithin(ws)).toEqual({ code: 4401, reason: "role changed" });
    await stream.done;
    expect(stream.events.at(-1)?.data).toBe(JSON.stringify({ reason: "role changed" }));
    await patch("viewer");
  });
});

describe("realtime.maxStreamsPerUser counts event streams and WebSockets together", () => {
  test("over the limit a WebSocket upgrade is refused with 429 before upgrading, as a stream is", async () => {
    await until("the connections", () => t.connections.size === 0, 3000);
    const token = await t.tokenFor("viewer");
    const stream = await sse(token);
    expect(stream.res.status).toBe(200);
    const ws = connect(token);
    expect(await ws.opened).toBe(true);
    await ws.waitFor((m) => m.type === "welcome");

    expect(await handshakeStatus(token)).toBe(429);
    expect(await connect(token).opened).toBe(false);
    expect((await sse(token)).res.status).toBe(429);
    // Another user has their own count.
    const analyst = connect(await t.tokenFor("analyst"));
    expect(await analyst.opened).toBe(true);

    stream.close();
    await until("the connections", () => t.connections.countOf(t.users.viewer.id) === 1, 3000);
    const next = connect(token);
    expect(await next.opened).toBe(true);
    await next.waitFor((m) => m.type === "welcome");
    // A socket that authenticates by message over the limit is closed (4429).
    const late = connect();
    expect(await late.opened).toBe(true);
    late.send({ type: "auth", token });
    expect(await closedWithin(late)).toEqual({ code: 4429, reason: "too many live connections" });
    for (const open of [ws, analyst, next]) open.socket.close();
  });
});

describe("a cookie session renewed by the handshake", () => {
  test("the 101 answer carries the rotated cookies, so the session is not mistaken for refresh-token reuse", async () => {
    await until("the connections", () => t.connections.size === 0, 3000);
    const pair = await (
      await t.as(null, "/api/v1/auth/login", jsonInit({ login: "analyst", password: TEST_PASSWORD }))
    ).json();
    const refresh = `warden_rt=${pair.refreshToken}`;
    // The access cookie expired (the browser dropped it): only the refresh cookie comes.
    const head = await handshake({ Cookie: refresh, Origin: served.url });
    expect(head).toStartWith("HTTP/1.1 101");
    const rotated = /^set-cookie: (warden_rt=[^;]+)/im.exec(head)?.[1];
    expect(rotated).toMatch(/^warden_rt=\S+$/);
    expect(rotated).not.toBe(refresh);
    expect(head).toMatch(/^set-cookie: warden_at=/im);
    // The browser goes on with the rotated cookie: its session is still alive.
    await until("the connections", () => t.connections.size === 0, 3000);
    const page = await t.app.request("/api/v1/auth/me", { headers: { Cookie: rotated ?? "" } });
    expect(page.status).toBe(200);
  });
});
