import { describe, expect, test } from "bun:test";
import { createHmac } from "node:crypto";
import type { Tree } from "../../src/config/flatten.ts";
import { createTestApp, jsonInit, type TestApp } from "../helpers/app.ts";
import { tempDir, useCleanups } from "../helpers/cleanups.ts";
import { until } from "../helpers/desktop.ts";
import { expectLacks } from "../helpers/expect-text.ts";
import { closedPort, LOOPBACK_ALLOWED, startReceiver, verifiesAsReceiver } from "../helpers/receivers.ts";

const SECRET = "whsec-test-0123456789abcdef";
const cleanups = useCleanups();

async function app(overrides: Tree = {}, dir?: string): Promise<TestApp> {
  const t = await createTestApp(
    {
      ...LOOPBACK_ALLOWED,
      notifications: {
        backoffBaseMs: 20,
        backoffMaxMs: 200,
        pollIntervalMs: 100,
        timeoutMs: 2000,
        ...overrides,
      },
    },
    dir ? { dir } : {},
  );
  cleanups.push(() => t.close());
  return t;
}

async function addWebhook(t: TestApp, url: string, events = ["incident.created", "incident.assigned"]) {
  const res = await t.as(
    "admin",
    "/api/v1/integrations/webhooks",
    jsonInit({ name: "SIEM", url, secret: SECRET, events }),
  );
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; secretHint: string };
}

async function openIncident(t: TestApp) {
  return t.as(
    "analyst",
    "/api/v1/incidents",
    jsonInit({ title: "Port scan from 198.51.100.7", severity: "medium" }),
  );
}

describe("outgoing webhooks", () => {
  test("an event reaches a real receiver as signed JSON with event and delivery headers", async () => {
    const receiver = startReceiver();
    cleanups.push(receiver.stop);
    const t = await app();
    const hook = await addWebhook(t, receiver.url);
    expect(hook.secretHint).toBe(`…${SECRET.slice(-4)}`);
    expect(JSON.stringify(hook)).not.toContain(SECRET);
    expect((await openIncident(t)).status).toBe(201);
    const call = await until("the call", () => receiver.calls[0]);
    expect(verifiesAsReceiver(SECRET, call)).toBe(true);
    expect(call.headers.get("x-warden-event")).toBe("incident.created");
    expect(call.headers.get("content-type")).toBe("application/json");
    const body = JSON.parse(call.body);
    expect(body).toMatchObject({ event: "incident.created", data: { title: "Port scan from 198.51.100.7" } });
    expect(body.id).toBeString();
    expect(body.createdAt).toBeNumber();
    await t.notifier.worker.settled();
    const log = await (await t.as("admin", `/api/v1/integrations/webhooks/${hook.id}/deliveries`)).json();
    expect(log.items[0]).toMatchObject({ status: "sent", attempts: 1, lastStatusCode: 204 });
    expect(log.items[0].id).toBe(call.headers.get("x-warden-delivery"));
    expect(t.logs.join("\n")).not.toContain(SECRET);
  });

  test("the signature covers the timestamp: a replayed call, or one with another timestamp, does not verify", async () => {
    const receiver = startReceiver();
    cleanups.push(receiver.stop);
    const t = await app();
    const hook = await addWebhook(t, receiver.url);
    const before = Math.floor(Date.now() / 1000);
    await t.as("admin", `/api/v1/integrations/webhooks/${hook.id}/test`, { method: "POST" });
    const call = await until("the ping", () => receiver.calls[0]);
    const timestamp = Number(call.headers.get("x-warden-timestamp"));
    expect(timestamp).toBeGreaterThanOrEqual(before);
    expect(timestamp).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000));
    expect(call.headers.get("x-warden-signature")).toBe(
      `sha256=${createHmac("sha256", SECRET).update(`${timestamp}.${call.body}`).digest("hex")}`,
    );
    expect(verifiesAsReceiver(SECRET, call)).toBe(true);
    // The same bytes six minutes later are outside the replay window.
    expect(verifiesAsReceiver(SECRET, call, (timestamp + 360) * 1000)).toBe(false);
    // A fresh timestamp put on the captured call breaks the signature.
    const headers = new Headers(call.headers);
    headers.set("x-warden-timestamp", String(timestamp + 1));
    expect(verifiesAsReceiver(SECRET, { headers, body: call.body }, (timestamp + 1) * 1000)).toBe(false);
  });

  test("only subscribed events are sent; a disabled webhook gets nothing", async () => {
    const receiver = startReceiver();
    cleanups.push(receiver.stop);
    const t = await app();
    await addWebhook(t, receiver.url, ["vulnerability.overdue"]);
    const off = await addWebhook(t, receiver.url);
    await t.as("admin", `/api/v1/integrations/webhooks/${off.id}`, jsonInit({ enabled: false }, "PATCH"));
    await openIncident(t);
    await t.notifier.settled();
    await t.notifier.worker.settled();
    expect(receiver.calls).toEqual([]);
  });

  test("a receiver failing twice: retried with backoff, every attempt in the log with its status code", async () => {
    const receiver = startReceiver(2);
    cleanups.push(receiver.stop);
    const t = await app();
    const hook = await addWebhook(t, receiver.url);
    await openIncident(t);
    await until("the third call", () => receiver.calls.length >= 3);
    await t.notifier.worker.settled();
    const log = await (await t.as("admin", `/api/v1/integrations/webhooks/${hook.id}/deliveries`)).json();
    const [delivery] = log.items;
    expect(delivery).toMatchObject({ status: "sent", attempts: 3, lastStatusCode: 204 });
    expect(delivery.attemptLog.map((a: { statusCode: number }) => a.statusCode)).toEqual([204, 500, 500]);
    const outcomes = t.appMetrics?.deliveries;
    expect(outcomes?.countOf({ channel: "webhook", outcome: "retry" })).toBe(2);
    expect(outcomes?.countOf({ channel: "webhook", outcome: "sent" })).toBe(1);
    // Every retry carries the same body and delivery id, signed with its own timestamp.
    expect(receiver.calls.every((c) => verifiesAsReceiver(SECRET, c))).toBe(true);
    expect(new Set(receiver.calls.map((c) => c.body)).size).toBe(1);
    expect(new Set(receiver.calls.map((c) => c.headers.get("x-warden-delivery"))).size).toBe(1);
  });

  test("an endpoint that is down: the request still succeeds at once; the delivery fails after maxAttempts", async () => {
    const t = await app({ maxAttempts: 3 });
    const hook = await addWebhook(t, `http://127.0.0.1:${closedPort()}/hook`);
    const res = await openIncident(t);
    expect(res.status).toBe(201);
    await until("the delivery to give up", async () => {
      const log = await (await t.as("admin", `/api/v1/integrations/webhooks/${hook.id}/deliveries`)).json();
      return log.items[0]?.status === "failed" ? log.items[0] : null;
    });
    const log = await (await t.as("admin", `/api/v1/integrations/webhooks/${hook.id}/deliveries`)).json();
    expect(log.items[0].attempts).toBe(3);
    expect(t.appMetrics?.deliveries.countOf({ channel: "webhook", outcome: "failed" })).toBe(1);
    expect(log.items[0].lastStatusCode).toBeNull();
    expect(log.items[0].lastError).toBeString();
  });

  test("a receiver that never answers: the request is already answered, the call times out and is retried", async () => {
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let calls = 0;
    const slow = Bun.serve({
      hostname: "127.0.0.1",
      port: 0,
      async fetch() {
        calls++;
        await held;
        return new Response(null, { status: 204 });
      },
    });
    cleanups.push(() => {
      release();
      slow.stop(true);
    });
    const t = await app({ timeoutMs: 300, backoffBaseMs: 3_600_000 });
    const hook = await addWebhook(t, `http://127.0.0.1:${slow.port}/hook`);
    expect((await openIncident(t)).status).toBe(201);
    await until("the receiver to hold the call", () => calls > 0);
    const log = await until("the attempt to time out", async () => {
      const page = await (await t.as("admin", `/api/v1/integrations/webhooks/${hook.id}/deliveries`)).json();
      return page.items[0]?.attempts === 1 ? page.items[0] : null;
    });
    expect(log).toMatchObject({
      status: "pending",
      lastStatusCode: null,
      lastError: "No answer within 300 ms",
    });
  });

  test("a restart sends what the stopped process left pending", async () => {
    const receiver = startReceiver();
    cleanups.push(receiver.stop);
    const dir = tempDir(cleanups, "warden-restart-");
    const first = await createTestApp(
      { ...LOOPBACK_ALLOWED, notifications: { pollIntervalMs: 100 } },
      { dir },
    );
    await addWebhook(first, receiver.url);
    // The worker is stopped, so the event only reaches the outbox.
    await first.notifier.worker.stop();
    await openIncident(first);
    await first.close();
    expect(receiver.calls).toEqual([]);
    const second = await app({}, dir);
    await until("the call after the restart", () => receiver.calls[0]);
    await second.notifier.worker.settled();
    const rows = await second.database.client.execute("SELECT status FROM deliveries");
    expect(rows.rows.map((r) => r.status)).toEqual(["sent"]);
  });

  test("send test: a signed ping now, its result answered and logged; a failing one shows its status", async () => {
    const receiver = startReceiver(1);
    cleanups.push(receiver.stop);
    const t = await app();
    const hook = await addWebhook(t, receiver.url);
    const failed = await (
      await t.as("admin", `/api/v1/integrations/webhooks/${hook.id}/test`, { method: "POST" })
    ).json();
    expect(failed).toMatchObject({ event: "ping", status: "pending", attempts: 1, lastStatusCode: 500 });
    await t.as("admin", `/api/v1/integrations/webhooks/${hook.id}`, jsonInit({ enabled: false }, "PATCH"));
    const res = await t.as("admin", `/api/v1/integrations/webhooks/${hook.id}/test`, { method: "POST" });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "sent", lastStatusCode: 204 });
    const ping = receiver.calls.at(-1);
    expect(ping?.headers.get("x-warden-event")).toBe("ping");
    expect(ping && verifiesAsReceiver(SECRET, ping)).toBe(true);
  });

  test("422 for a non-http URL, an unknown event, a short secret; changes audited with the secret masked", async () => {
    const t = await app();
    const bad = await t.as(
      "admin",
      "/api/v1/integrations/webhooks",
      jsonInit({ name: "", url: "file:///etc/passwd", secret: "short", events: ["incident.exploded"] }),
    );
    expect(bad.status).toBe(422);
    const fields = ((await bad.json()).errors as { field: string }[]).map((e) => e.field).sort();
    expect(fields).toEqual(["events.0", "name", "secret", "url"]);
    const hook = await addWebhook(t, "http://127.0.0.1:9/x");
    const patch = await t.as(
      "admin",
      `/api/v1/integrations/webhooks/${hook.id}`,
      jsonInit({ url: "javascript:alert(1)" }, "PATCH"),
    );
    expect(patch.status).toBe(422);
    // A user name or password in the address would be listed and audited: refused, on create and edit.
    for (const init of [
      jsonInit({
        name: "creds",
        url: "http://user:pass@127.0.0.1:9/x",
        secret: SECRET,
        events: ["incident.created"],
      }),
      jsonInit({ url: "http://user@127.0.0.1:9/x" }, "PATCH"),
    ]) {
      const path =
        init.method === "PATCH"
          ? `/api/v1/integrations/webhooks/${hook.id}`
          : "/api/v1/integrations/webhooks";
      const refused = await t.as("admin", path, init);
      expect(refused.status).toBe(422);
      expect((await refused.json()).errors).toEqual([
        {
          field: "url",
          message:
            "Leave the user name and password out of the address: every call is signed with the secret instead.",
        },
      ]);
    }
    await t.as(
      "admin",
      `/api/v1/integrations/webhooks/${hook.id}`,
      jsonInit({ secret: "another-secret-of-16+" }, "PATCH"),
    );
    const audit = await (
      await t.as("admin", `/api/v1/audit?resourceType=webhook&resourceId=${hook.id}`)
    ).json();
    const text = JSON.stringify(audit.items);
    expectLacks(text, [SECRET, "another-secret-of-16+"]);
    expect(audit.items.map((e: { action: string }) => e.action)).toEqual([
      "webhook.update",
      "webhook.create",
    ]);
    expect(
      (await t.as("admin", `/api/v1/integrations/webhooks/${hook.id}`, { method: "DELETE" })).status,
    ).toBe(204);
    expect((await t.as("admin", `/api/v1/integrations/webhooks/${hook.id}`)).status).toBe(404);
  });
});
