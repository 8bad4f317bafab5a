import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { Role } from "../../src/db/schema/users.ts";
import { pruneNotifications } from "../../src/modules/notifications/retention.ts";
import { notifyOverdueVulnerabilities } from "../../src/modules/vulnerabilities/overdue.ts";
import { jsonInit, useTestApp } from "../helpers/app.ts";
import { until } from "../helpers/desktop.ts";
import { type ListeningApp, listen } from "../helpers/listen.ts";
import { openSse } from "../helpers/sse-client.ts";

const t = useTestApp();

async function json(role: Role, path: string, init?: RequestInit) {
  const res = await t.as(role, `/api/v1${path}`, init);
  return { status: res.status, body: res.status === 204 ? null : await res.json() };
}

async function openIncident(by: Role, fields: Record<string, unknown> = {}) {
  const res = await json(
    by,
    "/incidents",
    jsonInit({ title: "Odd beacon from WS-12", severity: "high", ...fields }),
  );
  expect(res.status).toBe(201);
  return res.body as { id: string; version: number };
}

async function mine(role: Role, query = "") {
  await t.notifier.settled();
  return (await json(role, `/notifications${query}`)).body as {
    items: { id: string; type: string; title: string; link: string; readAt: number | null }[];
    total: number;
  };
}

async function readAllOf(role: Role) {
  await t.notifier.settled();
  expect((await json(role, "/notifications/read-all", { method: "POST" })).status).toBe(200);
}

describe("notifications from incident events", () => {
  test("assigning an incident notifies the assignee, with a link; assigning yourself notifies nobody", async () => {
    await readAllOf("analyst");
    const incident = await openIncident("admin", { assignedTo: t.users.analyst.id });
    const list = await mine("analyst", "?unread=true");
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({
      type: "assigned",
      link: `/incidents/${incident.id}`,
      readAt: null,
    });
    expect(list.items[0]?.title).toContain("Odd beacon from WS-12");
    expect((await json("analyst", "/notifications/unread-count")).body).toEqual({ unread: 1 });

    await openIncident("analyst", { assignedTo: t.users.analyst.id });
    expect((await mine("analyst", "?unread=true")).total).toBe(1);
  });

  test("re-assigning through an update notifies the new assignee", async () => {
    const incident = await openIncident("analyst");
    await readAllOf("manager");
    const res = await json(
      "analyst",
      `/incidents/${incident.id}`,
      jsonInit({ version: incident.version, assignedTo: t.users.manager.id }, "PATCH"),
    );
    expect(res.status).toBe(200);
    const list = await mine("manager", "?unread=true");
    expect(list.items.map((n) => n.link)).toEqual([`/incidents/${incident.id}`]);
  });

  test("a comment notifies the assignee and the creator, never its author", async () => {
    const incident = await openIncident("manager", { assignedTo: t.users.analyst.id });
    await readAllOf("analyst");
    await readAllOf("manager");
    expect(
      (await json("analyst", `/incidents/${incident.id}/comments`, jsonInit({ body: "Isolated." }))).status,
    ).toBe(201);
    expect((await mine("manager", "?unread=true")).items.map((n) => n.type)).toEqual(["comment"]);
    expect((await mine("analyst", "?unread=true")).total).toBe(0);
  });
});

describe("reading notifications", () => {
  test("mark one read, then all; someone else's is 404; the count follows", async () => {
    await readAllOf("analyst");
    await openIncident("admin", { assignedTo: t.users.analyst.id });
    await openIncident("admin", { assignedTo: t.users.analyst.id });
    const [first] = (await mine("analyst", "?unread=true")).items;
    expect((await json("viewer", `/notifications/${first?.id}/read`, { method: "POST" })).status).toBe(404);
    const read = await json("analyst", `/notifications/${first?.id}/read`, { method: "POST" });
    expect(read.status).toBe(200);
    expect(read.body.unread).toBe(1);
    expect(read.body.notification.readAt).toBeNumber();
    const again = await json("analyst", `/notifications/${first?.id}/read`, { method: "POST" });
    expect(again.body.notification.readAt).toBe(read.body.notification.readAt);
    const all = await json("analyst", "/notifications/read-all", { method: "POST" });
    expect(all.body).toEqual({ marked: 1, unread: 0 });
    const audit = await json("admin", `/audit?actor=${t.users.analyst.id}&action=notification.read`);
    expect(audit.body.total).toBeGreaterThanOrEqual(1);
  });

  test("paging and a bad query", async () => {
    const page = await json("analyst", "/notifications?pageSize=1&page=2");
    expect(page.body.pageSize).toBe(1);
    expect(page.body.items.length).toBeLessThanOrEqual(1);
    expect((await json("analyst", "/notifications?unread=maybe")).status).toBe(422);
    expect((await json("analyst", "/notifications?pageSize=0")).status).toBe(422);
  });
});

describe("preferences", () => {
  test("defaults: in the app, no e-mail, critical and high alerts; e-mail disabled without smtp.host", async () => {
    const res = await json("viewer", "/notifications/preferences");
    expect(res.status).toBe(200);
    expect(res.body.types.assigned).toEqual({ inApp: true, email: false });
    expect(res.body.alertSeverities).toEqual(["critical", "high"]);
    expect(res.body.emailEnabled).toBe(false);
  });

  test("turning a type off in the app stops those notifications; saved and audited", async () => {
    const current = (await json("manager", "/notifications/preferences")).body;
    const types = { ...current.types, assigned: { inApp: false, email: false } };
    const saved = await json(
      "manager",
      "/notifications/preferences",
      jsonInit({ types, alertSeverities: ["critical"] }, "PUT"),
    );
    expect(saved.status).toBe(200);
    expect(saved.body.types.assigned.inApp).toBe(false);
    expect(saved.body.alertSeverities).toEqual(["critical"]);
    await readAllOf("manager");
    await openIncident("admin", { assignedTo: t.users.manager.id });
    expect((await mine("manager", "?unread=true")).total).toBe(0);
    const audit = await json(
      "admin",
      `/audit?action=notification.preferences&resourceId=${t.users.manager.id}`,
    );
    expect(audit.body.items[0].changes["assigned.inApp"]).toEqual({ before: true, after: false });
  });

  test("422 names the bad fields", async () => {
    const res = await json(
      "viewer",
      "/notifications/preferences",
      jsonInit({ types: { assigned: { inApp: "yes" } }, alertSeverities: ["apocalyptic"] }, "PUT"),
    );
    expect(res.status).toBe(422);
    const fields = (res.body.errors as { field: string }[]).map((e) => e.field);
    expect(fields.some((f) => f.startsWith("types"))).toBe(true);
    expect(fields.some((f) => f.startsWith("alertSeverities"))).toBe(true);
  });
});

describe("live over SSE", () => {
  let served: ListeningApp;
  beforeAll(() => {
    served = listen(t);
  });
  afterAll(() => served.stop());

  test("the recipient's stream gets notification.created with the unread count; another user's does not", async () => {
    const stream = async (role: Role) =>
      openSse(`${served.url}/events?topics=notifications`, {
        Authorization: `Bearer ${await t.tokenFor(role)}`,
      });
    const analyst = await stream("analyst");
    const viewer = await stream("viewer");
    expect(analyst.res.status).toBe(200);
    await readAllOf("analyst");
    const incident = await openIncident("admin", { assignedTo: t.users.analyst.id });
    const created = await until("the notification on the analyst's stream", () =>
      analyst.events.find((e) => e.event === "notification.created"),
    );
    const data = JSON.parse(created.data ?? "{}");
    expect(data).toMatchObject({ link: `/incidents/${incident.id}`, unread: 1, userId: t.users.analyst.id });
    // The viewer's stream saw the same moment pass (a read of their own) but not the analyst's notification.
    await readAllOf("viewer");
    await openIncident("admin", { assignedTo: t.users.viewer.id }).catch(() => undefined);
    await until("the viewer's own event", () =>
      viewer.events.some((e) => e.event === "notification.created"),
    );
    expect(
      viewer.events
        .filter((e) => e.event === "notification.created")
        .every((e) => JSON.parse(e.data ?? "{}").userId === t.users.viewer.id),
    ).toBe(true);
    const read = await json("analyst", "/notifications/read-all", { method: "POST" });
    expect(read.body.unread).toBe(0);
    const readEvent = await until("notification.read", () =>
      analyst.events.find((e) => e.event === "notification.read"),
    );
    expect(JSON.parse(readEvent.data ?? "{}").unread).toBe(0);
    analyst.close();
    viewer.close();
  });
});

describe("notifications from vulnerabilities and documents", () => {
  test("a vulnerability: assignee set on create and on edit is notified; the list filters by assignee", async () => {
    await readAllOf("analyst");
    const created = await json(
      "manager",
      "/vulnerabilities",
      jsonInit({ title: "OpenSSH regreSSHion", severity: "high", assignedTo: t.users.analyst.id }),
    );
    expect(created.status).toBe(201);
    expect(created.body.assignedTo).toEqual({ id: t.users.analyst.id, name: "The analyst" });
    const list = await mine("analyst", "?unread=true");
    expect(list.items[0]).toMatchObject({ type: "assigned", link: `/vulnerabilities/${created.body.id}` });
    await readAllOf("viewer");
    const edited = await json(
      "analyst",
      `/vulnerabilities/${created.body.id}`,
      jsonInit({ version: created.body.version, assignedTo: t.users.viewer.id }, "PATCH"),
    );
    expect(edited.status).toBe(200);
    expect((await mine("viewer", "?unread=true")).total).toBe(1);
    const filtered = await json("viewer", `/vulnerabilities?assignedTo=${t.users.viewer.id}`);
    expect(filtered.body.items.map((v: { id: string }) => v.id)).toEqual([created.body.id]);
    const bad = await json(
      "analyst",
      "/vulnerabilities",
      jsonInit({ title: "x", severity: "low", assignedTo: "nobody" }),
    );
    expect(bad.status).toBe(422);
  });

  test("the overdue check tells the assignee once per vulnerability", async () => {
    const longAgo = Date.now() - 30 * 86_400_000;
    const res = await json(
      "analyst",
      "/vulnerabilities",
      jsonInit({
        title: "Exposed admin panel",
        severity: "critical",
        discoveredAt: longAgo,
        assignedTo: t.users.manager.id,
      }),
    );
    expect(res.body.overdue).toBe(true);
    await readAllOf("manager");
    expect(await notifyOverdueVulnerabilities(t.database.db, t.notifier)).toBeGreaterThanOrEqual(1);
    expect(await notifyOverdueVulnerabilities(t.database.db, t.notifier)).toBe(0);
    const list = await mine("manager", "?unread=true");
    const overdue = list.items.filter((n) => n.type === "overdue");
    expect(overdue.map((n) => n.link)).toEqual([`/vulnerabilities/${res.body.id}`]);
  });

  test("publishing a version that must be acknowledged notifies every other active user", async () => {
    for (const role of ["admin", "manager", "analyst", "viewer"] as const) await readAllOf(role);
    const doc = await json(
      "analyst",
      "/documents",
      jsonInit({ title: "Password policy", category: "policy", requiresAcknowledgment: true }),
    );
    expect(doc.status).toBe(201);
    for (const status of ["in_review", "approved", "published"]) {
      expect((await json("admin", `/documents/${doc.body.id}/status`, jsonInit({ status }))).status).toBe(
        200,
      );
    }
    for (const role of ["manager", "analyst", "viewer"] as const) {
      const list = await mine(role, "?unread=true");
      expect(list.items.map((n) => n.type)).toEqual(["acknowledgment"]);
      expect(list.items[0]?.link).toBe(`/documents/${doc.body.id}`);
    }
    expect((await mine("admin", "?unread=true")).total).toBe(0);
  });
});

describe("alerts (the AlertEvents contract)", () => {
  test("alertFired notifies the users following its severity; assigned to yourself notifies nobody", async () => {
    for (const role of ["admin", "manager", "analyst", "viewer"] as const) await readAllOf(role);
    const alert = {
      id: "alert-1",
      title: "Disk almost full on db01",
      severity: "medium" as const,
      host: "db01",
      source: "rule" as const,
      count: 3,
      link: "/soc/alerts/alert-1",
    };
    t.notifier.alertFired(alert);
    await t.notifier.settled();
    expect((await mine("viewer", "?unread=true")).total).toBe(0);
    const prefs = (await json("viewer", "/notifications/preferences")).body;
    await json(
      "viewer",
      "/notifications/preferences",
      jsonInit({ ...prefs, alertSeverities: ["medium"] }, "PUT"),
    );
    t.notifier.alertFired(alert);
    const list = await mine("viewer", "?unread=true");
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ type: "alert", link: "/soc/alerts/alert-1" });
    expect(list.items[0]?.title).toBe("Medium alert: Disk almost full on db01");
    expect((await mine("analyst", "?unread=true")).total).toBe(0);

    const actor = {
      type: "user" as const,
      id: t.users.analyst.id,
      label: "analyst",
      role: "analyst" as const,
    };
    t.notifier.assigned(
      { kind: "case", id: "case-1", title: "Case", link: "/soc/cases/case-1" },
      t.users.analyst.id,
      actor,
    );
    expect((await mine("analyst", "?unread=true")).total).toBe(0);
    t.notifier.assigned(
      { kind: "case", id: "case-1", title: "Case", link: "/soc/cases/case-1" },
      t.users.viewer.id,
      actor,
    );
    expect((await mine("viewer", "?unread=true")).items[0]).toMatchObject({
      type: "assigned",
      link: "/soc/cases/case-1",
    });
  });
});

describe("retention", () => {
  test("pruning drops read notifications past the retention and keeps unread ones", async () => {
    await readAllOf("analyst");
    await openIncident("admin", { assignedTo: t.users.analyst.id });
    await t.notifier.settled();
    const count = async (sql: string) => Number((await t.database.client.execute(sql)).rows[0]?.n);
    const unreadBefore = await count("SELECT count(*) AS n FROM notifications WHERE read_at IS NULL");
    expect(await count("SELECT count(*) AS n FROM notifications WHERE read_at IS NOT NULL")).toBeGreaterThan(
      0,
    );
    expect(await pruneNotifications(t.database.db, 90)).toBe(0);
    const later = Date.now() + 91 * 86_400_000;
    expect(await pruneNotifications(t.database.db, 90, later)).toBeGreaterThan(0);
    expect(await count("SELECT count(*) AS n FROM notifications WHERE read_at IS NOT NULL")).toBe(0);
    expect(await count("SELECT count(*) AS n FROM notifications WHERE read_at IS NULL")).toBe(unreadBefore);
  });
});
