/**
 * The notifications pages (/notifications, /notifications/preferences) and the webhooks
 * admin pages (/integrations/webhooks), through a signed-in browser session.
 */
import { describe, expect, test } from "bun:test";
import { textWithStatus, withStatus } from "../helpers/answers.ts";
import { jsonInit, useTestApp } from "../helpers/app.ts";
import { expectContains } from "../helpers/expect-text.ts";
import { LOOPBACK_ALLOWED, startReceiver, verifiesAsReceiver } from "../helpers/receivers.ts";
import { HTMX_PARTIAL, mainOf, signIn } from "./helpers.ts";

const t = useTestApp(LOOPBACK_ALLOWED);

async function assignTo(role: "analyst" | "viewer", title: string) {
  const res = await t.as(
    "admin",
    "/api/v1/incidents",
    jsonInit({ title, severity: "high", assignedTo: t.users[role].id }),
  );
  await t.notifier.settled();
  return (await res.json()) as { id: string };
}

describe("/notifications", () => {
  test("lists mine with the unread count; the header has the bell; partial render swaps main only", async () => {
    await assignTo("analyst", "Phishing wave on finance");
    const analyst = await signIn(t, "analyst");
    const html = await (await analyst.get("/notifications")).text();
    expectContains(html, ["<title>Notifications · Warden</title>", 'data-testid="bell"']);
    expect(mainOf(html)).toContain("Phishing wave on finance");
    expect(mainOf(html)).toMatch(/data-testid="unread-count">1 unread/);
    const partial = await (await analyst.get("/notifications", HTMX_PARTIAL)).text();
    expect(partial).not.toContain("<html");
    expect(partial).toContain("Phishing wave on finance");
    const items = await analyst.get("/notifications/items?unread=true", { "HX-Request": "true" });
    expect(items.headers.get("HX-Replace-Url")).toBe("/notifications?unread=true");
    const fragment = await items.text();
    expectContains(fragment, [
      "Phishing wave on finance",
      'id="unread-count" data-testid="unread-count" hx-swap-oob="true"',
    ]);
    expect((await analyst.get("/notifications/items")).status).toBe(303);
    const viewerHtml = await (await (await signIn(t, "viewer")).get("/notifications")).text();
    expect(viewerHtml).not.toContain("Phishing wave on finance");
  });

  test("opening one marks it read and leads to its record; mark read and mark all read", async () => {
    const analyst = await signIn(t, "analyst");
    await analyst.post("/notifications/read-all", {});
    const incident = await assignTo("analyst", "Rogue scheduled task");
    const [item] = (await (await t.as("analyst", "/api/v1/notifications?unread=true")).json()).items;
    const open = await withStatus(analyst.post(`/notifications/${item.id}/open`, {}), 303);
    expect(open.headers.get("Location")).toBe(`/incidents/${incident.id}`);
    expect((await (await t.as("analyst", "/api/v1/notifications/unread-count")).json()).unread).toBe(0);
    await assignTo("analyst", "Second one");
    const [next] = (await (await t.as("analyst", "/api/v1/notifications?unread=true")).json()).items;
    const read = await analyst.post(`/notifications/${next.id}/read`, { unread: "true" });
    expect(read.headers.get("Location")).toBe("/notifications?unread=true");
    await assignTo("analyst", "Third one");
    const all = await analyst.post("/notifications/read-all", {});
    expect(all.headers.get("Location")).toBe("/notifications?done=read-all");
    const page = await (await analyst.get("/notifications?unread=true&done=read-all")).text();
    expectContains(page, ["Every notification is marked read.", 'data-testid="notifications-empty"']);
    expect((await analyst.post("/notifications/nope/read", {})).status).toBe(404);
  });

  test("preferences: saved from the form; e-mail boxes disabled without smtp.host, with a note", async () => {
    const viewer = await signIn(t, "viewer");
    const form = await (await viewer.get("/notifications/preferences")).text();
    expect(form).toContain('data-testid="email-disabled"');
    expect(form).toMatch(/name="assigned.email"[^>]*disabled/);
    const saved = await viewer.post("/notifications/preferences", {
      "assigned.inApp": "on",
      "comment.inApp": "on",
      severity: "critical",
    });
    expect(saved.headers.get("Location")).toBe("/notifications/preferences?saved=1");
    const prefs = await (await t.as("viewer", "/api/v1/notifications/preferences")).json();
    expect(prefs.types.assigned).toEqual({ inApp: true, email: false });
    expect(prefs.types.alert.inApp).toBe(false);
    expect(prefs.alertSeverities).toEqual(["critical"]);
    expect(
      await textWithStatus(viewer.post("/notifications/preferences", { severity: "apocalyptic" }), 422),
    ).toContain('data-testid="preferences-error"');
  });
});

describe("/integrations/webhooks", () => {
  test("admins only", async () => {
    for (const role of ["manager", "analyst", "viewer"] as const)
      expect((await t.as(role, "/integrations/webhooks")).status).toBe(403);
    const html = await (await t.as("admin", "/integrations/webhooks")).text();
    expect(html).toContain('data-testid="create-webhook-form"');
    expect(html).toMatch(/name="secret"[^>]*value="whsec_[\w-]{32}"/);
  });

  test("add (422 keeps the input), edit keeping the secret, send test with its result, delete", async () => {
    const receiver = startReceiver();
    const admin = await signIn(t, "admin");
    const badHtml = await textWithStatus(
      admin.post("/integrations/webhooks", {
        name: "SIEM",
        url: "gopher://x",
        secret: "short",
      }),
      422,
    );
    expectContains(badHtml, [
      'value="gopher://x"',
      "Enter an http:// or https:// address.",
      "Choose at least one event.",
    ]);
    expect(
      await textWithStatus(
        admin.post("/integrations/webhooks", {
          name: "Metadata",
          url: "http://169.254.169.254/latest/meta-data",
          secret: "whsec_page-test-secret-01",
          events: "incident.created",
        }),
        422,
      ),
    ).toContain("address 169.254.169.254 is not in webhooks.allowedTargets; it is a link-local address.");
    // An unknown event (a list item's error, `events.0`) is shown beside the events field.
    const unknownEvent = await textWithStatus(
      admin.post("/integrations/webhooks", {
        name: "Ping",
        url: receiver.url,
        secret: "whsec_page-test-secret-01",
        events: "ping",
      }),
      422,
    );
    expect(unknownEvent).toContain('class="field-error"');
    const body = new URLSearchParams({
      name: "SIEM",
      url: receiver.url,
      secret: "whsec_page-test-secret-01",
      enabled: "on",
    });
    body.append("events", "incident.created");
    body.append("events", "alert.fired");
    const created = await withStatus(
      t.app.request("/integrations/webhooks", {
        method: "POST",
        headers: {
          "Content-Type": "application/x-www-form-urlencoded",
          Origin: "http://localhost",
          Cookie: admin.cookie,
        },
        body,
      }),
      303,
    );
    const path = created.headers.get("Location")?.replace(/\?.*/, "") ?? "";
    const [hook] = await (await t.as("admin", "/api/v1/integrations/webhooks")).json();
    expect(hook.events).toEqual(["incident.created", "alert.fired"]);
    await withStatus(
      admin.post(path, {
        name: "SIEM prod",
        url: receiver.url,
        secret: "",
        events: "incident.created",
      }),
      303,
    );
    const tested = await withStatus(admin.post(`${path}/test`, {}), 303);
    const result = await (await admin.get(tested.headers.get("Location") ?? "")).text();
    expectContains(result, ['data-testid="test-result"', "Test ping delivered (HTTP 204)", "SIEM prod"]);
    // The secret kept: the ping is signed with the one given at creation.
    const ping = receiver.calls[0];
    expect(ping && verifiesAsReceiver("whsec_page-test-secret-01", ping)).toBe(true);
    expect(mainOf(result)).not.toContain("whsec_page-test-secret-01");
    const deleted = await admin.post(`${path}/delete`, {});
    expect(deleted.headers.get("Location")).toBe("/integrations/webhooks?notice=deleted");
    expect((await admin.get(path)).status).toBe(404);
    receiver.stop();
  });
});
