/**
 * Where webhooks may call: public addresses only unless `webhooks.allowedTargets` lists more,
 * checked when a webhook is saved and again on the address each call connects to. Only
 * loopback ever receives traffic here; the private addresses below are refused before any
 * connection is opened.
 */
import { describe, expect, test } from "bun:test";
import type { Tree } from "../../src/config/flatten.ts";
import { createTestApp, jsonInit, type TestApp } from "../helpers/app.ts";
import { tempDir, useCleanups } from "../helpers/cleanups.ts";
import { LOOPBACK_ALLOWED, startReceiver } from "../helpers/receivers.ts";

const SECRET = "whsec-test-0123456789abcdef";
const cleanups = useCleanups();

async function app(overrides: Tree = {}, dir?: string): Promise<TestApp> {
  const t = await createTestApp(
    { notifications: { backoffBaseMs: 3_600_000, timeoutMs: 2000 }, ...overrides },
    dir ? { dir } : {},
  );
  cleanups.push(() => t.close());
  return t;
}

function addWebhook(t: TestApp, url: string) {
  return t.as(
    "admin",
    "/api/v1/integrations/webhooks",
    jsonInit({ name: "SIEM", url, secret: SECRET, events: ["incident.created"] }),
  );
}

async function sendTest(t: TestApp, id: string) {
  const res = await t.as("admin", `/api/v1/integrations/webhooks/${id}/test`, { method: "POST" });
  expect(res.status).toBe(200);
  return res.json();
}

describe("webhook targets", () => {
  test("by default a URL on a loopback, private, link-local, CGNAT or other internal address is a 422 on url", async () => {
    const t = await app();
    const refused: [string, RegExp][] = [
      ["http://127.0.0.1:9/hook", /address 127\.0\.0\.1 is not in webhooks\.allowedTargets; .*loopback/],
      ["http://2130706433:9/hook", /address 127\.0\.0\.1 is not in webhooks\.allowedTargets/],
      [
        "http://localhost:9/hook",
        /address (127\.0\.0\.1|::1) of localhost is not in webhooks\.allowedTargets/,
      ],
      ["http://[::1]:9/hook", /address ::1 is not in webhooks\.allowedTargets; .*loopback/],
      ["http://10.255.255.1/hook", /address 10\.255\.255\.1 is not in webhooks\.allowedTargets; .*private/],
      ["https://192.168.1.1/hook", /private/],
      ["http://169.254.169.254/latest/meta-data", /link-local/],
      ["http://100.64.0.1/hook", /CGNAT/],
      ["http://0.0.0.0:9/hook", /unspecified/],
      ["http://224.0.0.1/hook", /multicast/],
      ["http://[::ffff:169.254.169.254]/hook", /link-local/],
      ["http://[fd00::1]/hook", /unique local/],
      ["http://[fe80::1]/hook", /link-local/],
    ];
    for (const [url, message] of refused) {
      const res = await addWebhook(t, url);
      expect({ url, status: res.status }).toEqual({ url, status: 422 });
      const { errors } = (await res.json()) as { errors: { field: string; message: string }[] };
      expect(errors.map((e) => e.field)).toEqual(["url"]);
      expect(errors[0]?.message).toMatch(message);
    }
    // A public address is taken (saving connects to nothing); changing it to an internal one is not.
    const saved = await addWebhook(t, "https://93.184.216.34/hook");
    expect(saved.status).toBe(201);
    const { id } = await saved.json();
    const patch = await t.as(
      "admin",
      `/api/v1/integrations/webhooks/${id}`,
      jsonInit({ url: "http://10.0.0.5/hook" }, "PATCH"),
    );
    expect(patch.status).toBe(422);
    expect((await patch.json()).errors).toEqual([
      {
        field: "url",
        message: "address 10.0.0.5 is not in webhooks.allowedTargets; it is a private address.",
      },
    ]);
    const rows = await t.database.client.execute("SELECT url FROM webhooks");
    expect(rows.rows.map((r) => r.url)).toEqual(["https://93.184.216.34/hook"]);
  });

  test("each call is checked on the address it connects to: once loopback is no longer listed, nothing reaches it", async () => {
    const receiver = startReceiver();
    cleanups.push(receiver.stop);
    const dir = tempDir(cleanups, "warden-targets-");
    // Saved while loopback (and one private address) were allowed …
    const first = await createTestApp(
      { webhooks: { allowedTargets: ["127.0.0.0/8", "::1", "10.255.255.1"] } },
      { dir },
    );
    const ids: string[] = [];
    for (const url of [
      receiver.url,
      receiver.url.replace("127.0.0.1", "localhost"),
      "http://10.255.255.1/hook",
    ]) {
      const res = await addWebhook(first, url);
      expect(res.status).toBe(201);
      ids.push((await res.json()).id);
    }
    await first.close();
    // … and sent with the default setting: each refused before any connection, with the reason.
    const t = await app({}, dir);
    const [literal, named, privateHook] = ids as [string, string, string];
    expect(await sendTest(t, literal)).toMatchObject({
      status: "pending",
      attempts: 1,
      lastStatusCode: null,
      lastError: "address 127.0.0.1 is not in webhooks.allowedTargets; it is a loopback address.",
    });
    const byName = await sendTest(t, named);
    expect(byName.lastStatusCode).toBeNull();
    expect(byName.lastError).toMatch(
      /^address (127\.0\.0\.1|::1) of localhost is not in webhooks\.allowedTargets/,
    );
    expect(receiver.calls).toEqual([]);
    expect(await sendTest(t, privateHook)).toMatchObject({
      lastStatusCode: null,
      lastError: "address 10.255.255.1 is not in webhooks.allowedTargets; it is a private address.",
    });
    // An event's delivery is refused the same way, as a failed attempt of the delivery log.
    expect(
      (await t.as("analyst", "/api/v1/incidents", jsonInit({ title: "Beacon", severity: "low" }))).status,
    ).toBe(201);
    await t.notifier.settled();
    await t.notifier.worker.settled();
    const log = await (await t.as("admin", `/api/v1/integrations/webhooks/${literal}/deliveries`)).json();
    expect(log.items[0]).toMatchObject({ event: "incident.created", attempts: 1, lastStatusCode: null });
    expect(log.items[0].attemptLog[0].error).toContain("is not in webhooks.allowedTargets");
    expect(receiver.calls).toEqual([]);
  });

  test("a receiver redirecting to an internal address: the redirect is the result, never followed", async () => {
    const calls: string[] = [];
    const redirecting = Bun.serve({
      hostname: "127.0.0.1",
      port: 0,
      fetch(req) {
        calls.push(new URL(req.url).pathname);
        return new Response(null, {
          status: 307,
          headers: { Location: "http://169.254.169.254/latest/meta-data" },
        });
      },
    });
    cleanups.push(() => void redirecting.stop(true));
    const t = await app(LOOPBACK_ALLOWED);
    const res = await addWebhook(t, `http://127.0.0.1:${redirecting.port}/hook`);
    expect(res.status).toBe(201);
    const delivery = await sendTest(t, (await res.json()).id);
    expect(delivery).toMatchObject({
      status: "pending",
      lastStatusCode: 307,
      lastError: "HTTP 307 (redirects are not followed)",
    });
    expect(calls).toEqual(["/hook"]);
  });
});
