import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { Hono } from "hono";
import type { AppEnv } from "../../src/lib/context.ts";
import { createLogger } from "../../src/lib/log.ts";
import { Bus } from "../../src/realtime/bus.ts";
import { LiveConnections } from "../../src/realtime/live-connections.ts";
import { type SnapshotProvider, SseStreams } from "../../src/realtime/sse.ts";
import { startHttpServer, stopHttpServer } from "../../src/server.ts";
import { createTestApp, type TestApp } from "../helpers/app.ts";
import { until } from "../helpers/desktop.ts";
import { openSse, type SseClient } from "../helpers/sse-client.ts";

let t: TestApp;
let server: Bun.Server<unknown>;
let base: string;

beforeAll(async () => {
  t = await createTestApp({
    monitor: { intervalMs: 250 },
    realtime: { maxStreamsPerUser: 2, heartbeatMs: 1000 },
  });
  t.metrics.start();
  server = startHttpServer(
    t.app,
    { ...t.config.get(), server: { ...t.config.get().server, port: 0 } },
    t.ws.handlers,
  );
  base = `http://127.0.0.1:${server.port}`;
});
afterAll(async () => {
  t.streams.closeAll();
  await stopHttpServer(
    server,
    2000,
    createLogger(() => ({ level: "error", format: "json" })),
  );
  t.close();
});

/** A real HTTP client reading Server-Sent Events off the wire. */
async function openStream(headers: Record<string, string> = {}, topics = "metrics") {
  return openSse(`${base}/events?topics=${topics}`, {
    Authorization: `Bearer ${await t.tokenFor("viewer")}`,
    ...headers,
  });
}

describe("GET /events", () => {
  test("snapshot first, then a tick per sample with growing ids; proper headers; heartbeats", async () => {
    const stream = await openStream();
    expect(stream.res.status).toBe(200);
    expect(stream.res.headers.get("Content-Type")).toContain("text/event-stream");
    expect(stream.res.headers.get("Cache-Control")).toBe("no-store");
    expect(stream.res.headers.get("X-Accel-Buffering")).toBe("no");
    await until(
      "the stream",
      () =>
        stream.events.filter((e) => e.event === "metrics.tick").length >= 3 &&
        stream.events.some((e) => e.comment === "heartbeat"),
    );
    expect(stream.events[0]?.event).toBe("metrics.snapshot");
    const ticks = stream.events.filter((e) => e.event === "metrics.tick");
    const ids = ticks.map((e) => Number(e.id));
    expect(ids.every((id, i) => i === 0 || id > (ids[i - 1] ?? 0))).toBe(true);
    expect(JSON.parse(ticks[0]?.data ?? "{}").cpu.busy).toBeGreaterThanOrEqual(0);
    stream.close();
  });

  test("Last-Event-ID resumes with the missed events instead of a snapshot", async () => {
    const first = await openStream();
    await until("the stream", () => first.events.filter((e) => e.event === "metrics.tick").length >= 2);
    const lastId = Number(first.events.filter((e) => e.event === "metrics.tick").at(-1)?.id);
    first.close();
    await Bun.sleep(700);
    const again = await openStream({ "Last-Event-ID": String(lastId) });
    await until("the stream", () => again.events.length >= 2);
    expect(again.events[0]?.event).not.toBe("metrics.snapshot");
    expect(Number(again.events[0]?.id)).toBe(lastId + 1);
    again.close();
  });

  test("more streams than realtime.maxStreamsPerUser: 429", async () => {
    await until("the stream", () => t.streams.size === 0);
    const a = await openStream();
    const b = await openStream();
    await until("the stream", () => a.events.length > 0 && b.events.length > 0);
    const c = await openStream();
    expect(c.res.status).toBe(429);
    a.close();
    b.close();
  });

  test("a stream ends when its user's sessions end (deactivation)", async () => {
    await until("the stream", () => t.streams.size === 0);
    const stream = await openStream();
    await until("the stream", () => stream.events.length > 0);
    const res = await t.as("admin", `/api/v1/users/${t.users.viewer.id}`, {
      method: "PATCH",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ isActive: false }),
    });
    expect(res.status).toBe(200);
    await stream.done;
    await until("the stream", () => t.streams.size === 0);
    await t.as("admin", `/api/v1/users/${t.users.viewer.id}`, {
      method: "PATCH",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ isActive: true }),
    });
  });

  test("anonymous: 401; unknown topic or a bad since: 422; closing all streams ends them", async () => {
    await until("the stream", () => t.streams.size === 0);
    expect((await fetch(`${base}/events`)).status).toBe(401);
    expect((await openStream({}, "metrics,bogus")).res.status).toBe(422);
    for (const since of ["-1", "abc", "1.5", "9".repeat(16), "1".repeat(17)]) {
      const bad = await fetch(`${base}/events?topics=metrics&since=${since}`, {
        headers: { Authorization: `Bearer ${await t.tokenFor("viewer")}` },
      });
      expect(bad.status).toBe(422);
      expect(bad.headers.get("Content-Type")).toContain("application/problem+json");
      const { errors } = (await bad.json()) as { errors: { field: string; message: string }[] };
      expect(errors).toEqual([{ field: "since", message: expect.stringContaining("event id") }]);
    }
    const stream = await openStream();
    await until("the stream", () => stream.events.length > 0);
    t.streams.closeAll();
    await stream.done;
    expect(t.streams.size).toBe(0);
  });
});

/** A stream of user `u1` on its own bus, answering `since` from the query like the real route. */
async function withOwnStreams(
  bus: Bus,
  snapshot: SnapshotProvider,
  run: (open: (query?: string, headers?: Record<string, string>) => Promise<SseClient>) => Promise<void>,
) {
  const config = t.config.get();
  const roomy = { get: () => ({ ...config, realtime: { ...config.realtime, maxStreamsPerUser: 10 } }) };
  const streams = new SseStreams(bus, roomy, [snapshot], new LiveConnections(bus, roomy));
  const app = new Hono<AppEnv>().get("/events", (c) => {
    const since = c.req.query("since");
    return streams.respond(
      c,
      { userId: "u1" },
      ["notifications"],
      since === undefined ? undefined : Number(since),
    );
  });
  const own = Bun.serve({ port: 0, hostname: "127.0.0.1", fetch: app.fetch, idleTimeout: 0 });
  const opened: SseClient[] = [];
  try {
    await run(async (query = "", headers = {}) => {
      const stream = await openSse(`http://127.0.0.1:${own.port}/events${query}`, headers);
      opened.push(stream);
      return stream;
    });
  } finally {
    for (const stream of opened) stream.close();
    streams.closeAll();
    own.stop(true);
  }
}

/** The names of a stream's events so far (comments left out). */
const names = (stream: SseClient) => stream.events.filter((e) => e.event).map((e) => e.event);

const unreadNone: SnapshotProvider = () => [{ name: "notification.unread", data: { unread: 0 } }];

describe("a stream's first moments", () => {
  test("a page's stream (since = the bus id it was rendered at) gets this user's events after it, then the snapshot", async () => {
    const bus = new Bus();
    bus.publish("notifications", "notification.created", { id: "before-render" }, "u1");
    const renderedAt = bus.lastId;
    // Between the page's render and its stream: one for this user, one for another.
    const mine = bus.publish("notifications", "notification.created", { id: "meanwhile" }, "u1");
    bus.publish("notifications", "notification.created", { id: "not-mine" }, "u2");
    await withOwnStreams(bus, unreadNone, async (open) => {
      const stream = await open(`?since=${renderedAt}`);
      await until("the stream", () => names(stream).length >= 2);
      expect(names(stream)).toEqual(["notification.created", "notification.unread"]);
      expect(stream.events.find((e) => e.event === "notification.created")).toMatchObject({
        id: String(mine.id),
        data: JSON.stringify({ id: "meanwhile" }),
      });
      // Nothing missed: no resync; live from then on.
      bus.publish("notifications", "notification.read", { id: "later" }, "u1");
      await until("the stream", () => names(stream).length >= 3);
      expect(names(stream)).toEqual(["notification.created", "notification.unread", "notification.read"]);
      // Without since (an API client): the snapshot only.
      const plain = await open();
      await until("the stream", () => names(plain).length >= 1);
      await Bun.sleep(50);
      expect(names(plain)).toEqual(["notification.unread"]);
    });
  });

  test("missed events no longer kept, or an id from before a restart: the snapshot, then stream.resync", async () => {
    // The process before a restart: a page saw its ids.
    const before = new Bus();
    for (let i = 0; i < 500; i++) before.publish("notifications", "notification.read", {}, "u1");
    const fromBefore = before.lastId;
    await Bun.sleep(2);
    const bus = new Bus();
    const first = bus.publish("notifications", "notification.created", { id: "n0" }, "u1");
    // More than the topic keeps: the first ones are dropped.
    for (let i = 1; i <= 120; i++)
      bus.publish("notifications", "notification.created", { id: `n${i}` }, "u2");
    // However many events either process published, the old ids are below the new ones.
    expect(fromBefore).toBeLessThan(first.id);
    const ahead = bus.lastId + 1000;
    await withOwnStreams(bus, unreadNone, async (open) => {
      for (const stream of [
        await open(`?since=${first.id}`),
        await open(`?since=${fromBefore}`),
        await open(`?since=${ahead}`),
        await open("?since=0"),
        await open("", { "Last-Event-ID": String(first.id) }),
        await open("", { "Last-Event-ID": String(fromBefore) }),
        await open("", { "Last-Event-ID": String(ahead) }),
      ]) {
        await until("the stream", () => names(stream).length >= 2);
        await Bun.sleep(30);
        expect(names(stream)).toEqual(["notification.unread", "stream.resync"]);
      }
      // A reconnect whose events are all kept gets them and no snapshot.
      const kept = bus.lastId;
      const missed = bus.publish("notifications", "notification.read", { id: "n0" }, "u1");
      const again = await open("", { "Last-Event-ID": String(kept) });
      await until("the stream", () => names(again).length >= 1);
      await Bun.sleep(50);
      expect(again.events.filter((e) => e.event).map((e) => e.id)).toEqual([String(missed.id)]);
    });
  });

  test("an event published while the snapshot is being read follows the snapshot", async () => {
    const bus = new Bus();
    let snapshotCalls = 0;
    const slowSnapshot: SnapshotProvider = async () => {
      snapshotCalls++;
      // What a real snapshot does under load: the state is read, then time passes (a slow
      // query, a busy event loop) before the stream subscribes — and a change lands meanwhile.
      bus.publish("notifications", "notification.created", { id: "n1" }, "u1");
      await Bun.sleep(100);
      return [{ name: "notification.unread", data: { unread: 0 } }];
    };
    const streams = new SseStreams(bus, t.config, [slowSnapshot], new LiveConnections(bus, t.config));
    const app = new Hono<AppEnv>().get("/events", (c) =>
      streams.respond(c, { userId: "u1" }, ["notifications"]),
    );
    const own = Bun.serve({ port: 0, hostname: "127.0.0.1", fetch: app.fetch, idleTimeout: 0 });
    try {
      const stream = await openSse(`http://127.0.0.1:${own.port}/events`, {});
      await until("the stream", () => stream.events.filter((e) => e.event).length >= 2);
      expect(snapshotCalls).toBe(1);
      expect(stream.events.filter((e) => e.event).map((e) => e.event)).toEqual([
        "notification.unread",
        "notification.created",
      ]);
      // Live from then on.
      bus.publish("notifications", "notification.created", { id: "n2" }, "u1");
      await until(
        "the stream",
        () => stream.events.filter((e) => e.event === "notification.created").length === 2,
      );
      stream.close();
    } finally {
      streams.closeAll();
      own.stop(true);
    }
  });
});
