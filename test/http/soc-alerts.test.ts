/**
 * The SOC alerts API: raising (also with a real API token made through the tokens API),
 * dedup (also 20 concurrent raises of one key), the queue's filters, sort and export,
 * edits and assignment with optimistic concurrency, the status workflow (409 for invalid
 * moves, reopen refused while another alert holds the key), escalation to a new incident
 * (the context in its timeline) or onto an existing one, closing the incident closing
 * its alerts, the notification hooks, soft delete and restore.
 */
import { describe, expect, test } from "bun:test";
import { systemActor } from "../../src/kit/actor.ts";
import type { AlertEvents } from "../../src/modules/soc/alert-events.ts";
import { closeAlertByKey, raiseAlert } from "../../src/modules/soc/alert-raising.ts";
import { refusedFields } from "../helpers/answers.ts";
import { jsonInit, useTestApp } from "../helpers/app.ts";
import { recordEvents } from "../helpers/bus-events.ts";
import { collectionApi, expectVersionedMove } from "../helpers/record-api.ts";

type Role = "admin" | "manager" | "analyst" | "viewer";

/** Every call the services made to the notification hooks, as a real recorder implementing the contract. */
const fired: Parameters<AlertEvents["alertFired"]>[0][] = [];
const assigned: { record: Parameters<AlertEvents["assigned"]>[0]; userId: string }[] = [];
const recorder: AlertEvents = {
  alertFired: (alert) => fired.push(alert),
  assigned: (record, userId) => assigned.push({ record, userId }),
};

const t = useTestApp({}, { alertEvents: recorder });

const api = collectionApi(t, "/api/v1/soc/alerts");

const SNAPSHOT = {
  topCpu: [
    { pid: 812, name: "nginx", cpu: 93.5, memory: 1.2 },
    { pid: 90, name: "postgres", cpu: 12.1, memory: 8.4 },
  ],
  listening: [{ port: 443, address: "0.0.0.0", process: "nginx" }],
};

async function raise(fields: Record<string, unknown> = {}, role: Role = "analyst") {
  const res = await api(role, "", jsonInit({ title: "CPU above 90% on web01", severity: "high", ...fields }));
  expect([200, 201]).toContain(res.status);
  return { status: res.status, alert: await res.json(), res };
}

describe("raise and dedup", () => {
  test("201 with Location and ETag; source api; count 1; the hook fires with the alert's link", async () => {
    const { status, alert, res } = await raise({ host: "web01", context: SNAPSHOT, dedupKey: "cpu:web01" });
    expect(status).toBe(201);
    expect(res.headers.get("Location")).toBe(`/api/v1/soc/alerts/${alert.id}`);
    expect(res.headers.get("ETag")).toBe('"1"');
    expect(alert).toMatchObject({
      source: "api",
      status: "new",
      count: 1,
      host: "web01",
      context: SNAPSHOT,
      createdBy: { id: t.users.analyst.id },
    });
    expect(fired.find((f) => f.id === alert.id)).toEqual({
      id: alert.id,
      title: "CPU above 90% on web01",
      severity: "high",
      host: "web01",
      source: "api",
      count: 1,
      link: `/soc/${alert.id}`,
    });
  });

  test("the same key while open counts on the alert (200): count, lastSeen, merged context; no second hook call", async () => {
    const first = (await raise({ dedupKey: "disk:db01", context: { a: 1, b: { x: 1 } } })).alert;
    const callsBefore = fired.length;
    await Bun.sleep(2);
    const again = await raise({ dedupKey: "disk:db01", context: { b: { y: 2 }, c: 3 } });
    expect(again.status).toBe(200);
    expect(again.alert.id).toBe(first.id);
    expect(again.alert.count).toBe(2);
    expect(again.alert.lastSeen).toBeGreaterThan(first.lastSeen);
    expect(again.alert.firstSeen).toBe(first.firstSeen);
    expect(again.alert.context).toEqual({ a: 1, b: { x: 1, y: 2 }, c: 3 });
    expect(fired.length).toBe(callsBefore);
    const list = await (await api("viewer", "?q=disk:db01")).json();
    expect(list.total).toBe(1);
  });

  test("re-raising a key never grows the stored context past the cap; the context says what was dropped", async () => {
    const big = (tag: string) => ({ [tag]: "x".repeat(150_000) });
    const first = (await raise({ dedupKey: "ctx:grow", context: big("first") })).alert;
    const small = await raise({ dedupKey: "ctx:grow", context: { note: "fits" } });
    expect(small.alert.context).toEqual({ first: "x".repeat(150_000), note: "fits" });
    await raise({ dedupKey: "ctx:grow", context: big("second") });
    const third = await raise({ dedupKey: "ctx:grow", context: big("third") });
    expect(third.alert.id).toBe(first.id);
    expect(third.alert.count).toBe(4);
    const [row] = (
      await t.database.client.execute({
        sql: "SELECT length(context) AS chars, context FROM alerts WHERE id = ?",
        args: [first.id],
      })
    ).rows;
    expect(Number(row?.chars)).toBeLessThanOrEqual(200_000);
    const stored = JSON.parse(String(row?.context));
    expect(Object.keys(stored).sort()).toEqual(["droppedContext", "third"]);
    expect(stored.droppedContext).toMatch(
      /^Earlier context \(\d+ characters\) was dropped: .* 200,000 characters\.$/,
    );
    expect(third.alert.context).toEqual(stored);
  });

  test("20 concurrent raises of one key make one alert with count 20", async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        api("analyst", "", jsonInit({ title: "Port scan", severity: "medium", dedupKey: "scan:burst" })),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([...Array(19).fill(200), 201]);
    const list = await (await api("viewer", "?q=scan:burst")).json();
    expect(list.total).toBe(1);
    expect(list.items[0].count).toBe(20);
  });

  test("20 concurrent raises through the service make one alert too", async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        raiseAlert(
          { db: t.database.db, bus: t.bus },
          { title: "Rule fired", severity: "low", source: "rule", dedupKey: "rule:svc" },
          systemActor("rules"),
        ),
      ),
    );
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.alert.id)).size).toBe(1);
    expect(Math.max(...results.map((r) => r.alert.count))).toBe(20);
  });

  test("a closed alert's key starts a new alert; closeAlertByKey closes the open one with its reason", async () => {
    const deps = { db: t.database.db, bus: t.bus };
    const first = (
      await raiseAlert(
        deps,
        { title: "Mem", severity: "low", source: "rule", dedupKey: "mem:x" },
        systemActor(),
      )
    ).alert;
    await closeAlertByKey(deps, "mem:x", "Memory back under 80%.", systemActor("rules"));
    await closeAlertByKey(deps, "mem:x", "Nothing open: no-op.", systemActor("rules"));
    const closed = await (await api("viewer", `/${first.id}`)).json();
    expect(closed.status).toBe("closed");
    expect(closed.history.map((h: { body: string }) => h.body)).toEqual(["Memory back under 80%."]);
    const second = await raiseAlert(
      deps,
      { title: "Mem", severity: "low", source: "rule", dedupKey: "mem:x" },
      systemActor(),
    );
    expect(second.created).toBe(true);
    expect(second.alert.id).not.toBe(first.id);
  });

  test("the service checks a rule's input as the API does (422 naming the field)", async () => {
    const deps = { db: t.database.db, bus: t.bus };
    const refused = raiseAlert(
      deps,
      { title: "x".repeat(201), severity: "high", source: "rule" },
      systemActor("rules"),
    );
    await expect(refused).rejects.toMatchObject({
      status: 422,
      fields: { title: "Use at most 200 characters." },
    });
  });

  test("422 names every bad field and stores nothing; viewers get 403", async () => {
    const before = (await (await api("viewer", "?pageSize=1")).json()).total;
    const res = await api(
      "analyst",
      "",
      jsonInit({ title: "", severity: "doom", context: [1], dedupKey: "" }),
    );
    expect(res.headers.get("Content-Type")).toBe("application/problem+json");
    expect(await refusedFields(res)).toEqual(["context", "dedupKey", "severity", "title"]);
    expect((await api("viewer", "", jsonInit({ title: "x", severity: "low" }))).status).toBe(403);
    expect((await (await api("viewer", "?pageSize=1")).json()).total).toBe(before);
  });

  test("an external system raises alerts with a real API token created through the tokens API", async () => {
    const made = await t.as("analyst", "/api/v1/tokens", jsonInit({ name: "SIEM bridge" }));
    expect(made.status).toBe(201);
    const { token } = await made.json();
    expect(token).toStartWith("wdn_");
    const res = await t.app.request(
      "/api/v1/soc/alerts",
      jsonInit({ title: "IDS: SQL injection attempt", severity: "critical", dedupKey: "ids:1" }, "POST", {
        Authorization: `Bearer ${token}`,
      }),
    );
    expect(res.status).toBe(201);
    const alert = await res.json();
    expect(alert).toMatchObject({ source: "api", createdBy: { id: t.users.analyst.id } });
    const viewerToken = await (
      await t.as("viewer", "/api/v1/tokens", jsonInit({ name: "read only" }))
    ).json();
    const refused = await t.app.request(
      "/api/v1/soc/alerts",
      jsonInit({ title: "x", severity: "low" }, "POST", { Authorization: `Bearer ${viewerToken.token}` }),
    );
    expect(refused.status).toBe(403);
  });
});

describe("queue", () => {
  test("filters by status, severity, source, host, assignee and text; sorts by count; exports CSV and JSON", async () => {
    await raise({ title: "Queue A", severity: "critical", host: "qhost", dedupKey: "q:a" });
    await raise({ title: "Queue A", severity: "critical", host: "qhost", dedupKey: "q:a" });
    await raise({ title: "Queue B", severity: "low", host: "qhost" });
    const bySeverity = await (await api("viewer", "?host=qhost&severity=critical")).json();
    expect(bySeverity.items.map((a: { title: string }) => a.title)).toEqual(["Queue A"]);
    const byCount = await (await api("viewer", "?host=qhost&sort=-count")).json();
    expect(byCount.items.map((a: { count: number }) => a.count)).toEqual([2, 1]);
    expect((await (await api("viewer", "?host=qhost&source=rule")).json()).total).toBe(0);
    expect((await (await api("viewer", "?host=qhost&status=open")).json()).total).toBe(2);
    expect((await (await api("viewer", "?host=qhost&assignedTo=none")).json()).total).toBe(2);
    expect((await api("viewer", "?status=sleeping")).status).toBe(422);
    const csv = await api("viewer", "/export?host=qhost&sort=title");
    expect(csv.headers.get("Content-Type")).toContain("text/csv");
    const lines = (await csv.text()).trim().split(/\r?\n/);
    expect(lines[0]).toBe(
      "id,title,severity,status,source,host,dedup_key,count,first_seen,last_seen,assigned_to,incident_id",
    );
    expect(lines.slice(1).map((l) => l.split(",")[1])).toEqual(["Queue A", "Queue B"]);
    const json = await (await api("viewer", "/export?host=qhost&format=json")).json();
    expect(json).toHaveLength(2);
  });

  test("raises, moves and escalations are announced on the alerts topic", async () => {
    const events = recordEvents(t.bus, "alerts");
    const { alert } = await raise({ dedupKey: "bus:1" });
    await raise({ dedupKey: "bus:1" });
    await api("analyst", `/${alert.id}/status`, jsonInit({ status: "acknowledged", version: 1 }));
    events.stopExpecting("alert", ["created", "raised", "updated"]);
  });
});

describe("workflow and edits", () => {
  test("acknowledge, close, reopen; invalid moves 409; stale version 409; no version 428", async () => {
    const { alert } = await raise({ dedupKey: "wf:1" });
    const ack = await api("analyst", `/${alert.id}/status`, jsonInit({ status: "acknowledged", version: 1 }));
    expect(ack.status).toBe(200);
    expect(ack.headers.get("ETag")).toBe('"2"');
    expect(
      (await api("analyst", `/${alert.id}/status`, jsonInit({ status: "new", version: 2 }))).status,
    ).toBe(409);
    const esc = await api("analyst", `/${alert.id}/status`, jsonInit({ status: "escalated", version: 2 }));
    expect(esc.status).toBe(409);
    expect((await esc.json()).detail).toContain("Escalate it to an incident instead");
    await expectVersionedMove(api, alert.id, 2, "closed", "false_positive");
    // While another alert holds the key, reopening would make two: refused.
    await raise({ dedupKey: "wf:1" });
    const reopen = await api("analyst", `/${alert.id}/status`, jsonInit({ status: "new", version: 3 }));
    expect(reopen.status).toBe(409);
    expect((await reopen.json()).detail).toContain("Another open alert has the key wf:1");
    const history = (await (await api("viewer", `/${alert.id}`)).json()).history;
    expect(history.map((h: { toValue: string }) => h.toValue)).toEqual(["acknowledged", "false_positive"]);
  });

  test("assigning to someone else tells them; to oneself does not; a stale edit is 409 and writes nothing", async () => {
    const { alert } = await raise();
    const before = assigned.length;
    const res = await api(
      "analyst",
      `/${alert.id}`,
      jsonInit({ version: 1, assignedTo: t.users.manager.id }, "PATCH"),
    );
    expect(res.status).toBe(200);
    expect((await res.json()).assignedTo).toEqual({ id: t.users.manager.id, name: "The manager" });
    expect(assigned.slice(before)).toEqual([
      {
        record: { kind: "alert", id: alert.id, title: alert.title, link: `/soc/${alert.id}` },
        userId: t.users.manager.id,
      },
    ]);
    await api("analyst", `/${alert.id}`, jsonInit({ version: 2, assignedTo: t.users.analyst.id }, "PATCH"));
    expect(assigned.length).toBe(before + 1);
    const stale = await api("analyst", `/${alert.id}`, jsonInit({ version: 1, severity: "low" }, "PATCH"));
    expect(stale.status).toBe(409);
    expect((await (await api("viewer", `/${alert.id}`)).json()).severity).toBe("high");
    const bad = await api("analyst", `/${alert.id}`, jsonInit({ version: 3, assignedTo: "nobody" }, "PATCH"));
    expect(bad.status).toBe(422);
  });

  test("delete (admins) hides it; restore brings it back; 404 for an unknown alert", async () => {
    const { alert } = await raise();
    expect((await api("analyst", `/${alert.id}`, { method: "DELETE" })).status).toBe(403);
    expect((await api("admin", `/${alert.id}`, { method: "DELETE" })).status).toBe(204);
    expect((await api("viewer", `/${alert.id}`)).status).toBe(404);
    expect(
      (await (await api("admin", "?deleted=only")).json()).items.map((a: { id: string }) => a.id),
    ).toContain(alert.id);
    expect((await api("admin", `/${alert.id}/restore`, jsonInit({}))).status).toBe(200);
    expect((await api("viewer", `/${alert.id}`)).status).toBe(200);
    expect((await api("viewer", "/nope")).status).toBe(404);
  });
});

describe("restore and the open key", () => {
  test("restoring an alert whose key is open again elsewhere is 409 and leaves it deleted", async () => {
    const { alert } = await raise({ dedupKey: "restore:1" });
    expect((await api("admin", `/${alert.id}`, { method: "DELETE" })).status).toBe(204);
    expect((await raise({ dedupKey: "restore:1" })).status).toBe(201);
    const res = await api("admin", `/${alert.id}/restore`, jsonInit({}));
    expect(res.status).toBe(409);
    expect((await res.json()).detail).toContain("same key");
    expect((await api("viewer", `/${alert.id}`)).status).toBe(404);
  });
});

describe("escalation", () => {
  test("to a new incident: the incident's timeline holds the alert's snapshot; links both ways", async () => {
    const { alert } = await raise({
      title: "Miner on web01",
      severity: "critical",
      host: "web01",
      context: SNAPSHOT,
    });
    const res = await api("analyst", `/${alert.id}/escalate`, jsonInit({ version: 1 }));
    expect(res.status).toBe(200);
    const { incidentId, createdIncident, alert: after } = await res.json();
    expect(createdIncident).toBe(true);
    expect(after).toMatchObject({ status: "escalated", incidentId });
    const incident = await (await t.as("viewer", `/api/v1/incidents/${incidentId}`)).json();
    expect(incident).toMatchObject({ title: "Miner on web01", severity: "critical", category: "alert" });
    const entry = incident.timeline.find((e: { kind: string }) => e.kind === "alert");
    expect(entry).toMatchObject({ fromValue: alert.id, toValue: "Miner on web01" });
    expect(entry.data).toMatchObject({ alertId: alert.id, host: "web01", count: 1, context: SNAPSHOT });
    expect(incident.alerts).toEqual([
      { id: alert.id, title: "Miner on web01", severity: "critical", status: "escalated", count: 1 },
    ]);
    const detail = await (await api("viewer", `/${alert.id}`)).json();
    expect(detail.incident).toEqual({ id: incidentId, title: "Miner on web01", status: "new" });
    const again = await api("analyst", `/${alert.id}/escalate`, jsonInit({ version: 2 }));
    expect(again.status).toBe(409);
  });

  test("onto an existing incident; 404 for an unknown one, 409 for a closed one, 409 for a stale version", async () => {
    const incident = await (
      await t.as("analyst", "/api/v1/incidents", jsonInit({ title: "Ongoing intrusion", severity: "high" }))
    ).json();
    const { alert } = await raise({ context: { user: "mallory" } });
    expect(
      (await api("analyst", `/${alert.id}/escalate`, jsonInit({ version: 2, incidentId: incident.id })))
        .status,
    ).toBe(409);
    expect(
      (await api("analyst", `/${alert.id}/escalate`, jsonInit({ version: 1, incidentId: "none" }))).status,
    ).toBe(404);
    const res = await api(
      "analyst",
      `/${alert.id}/escalate`,
      jsonInit({ version: 1, incidentId: incident.id }),
    );
    expect(await res.json()).toMatchObject({ incidentId: incident.id, createdIncident: false });
    const read = await (await t.as("viewer", `/api/v1/incidents/${incident.id}`)).json();
    expect(read.timeline.find((e: { kind: string }) => e.kind === "alert").data.context).toEqual({
      user: "mallory",
    });
    await t.as(
      "analyst",
      `/api/v1/incidents/${incident.id}/status`,
      jsonInit({ status: "closed", closeAlerts: false }),
    );
    const other = (await raise()).alert;
    const closedTarget = await api(
      "analyst",
      `/${other.id}/escalate`,
      jsonInit({ version: 1, incidentId: incident.id }),
    );
    expect(closedTarget.status).toBe(409);
    // closeAlerts: false left the alert open.
    expect((await (await api("viewer", `/${alert.id}`)).json()).status).toBe("escalated");
  });

  test("closing the incident closes its open alerts (default), noting why", async () => {
    const a = (await raise({ dedupKey: "close:a" })).alert;
    const b = (await raise({ dedupKey: "close:b" })).alert;
    const { incidentId } = await (await api("analyst", `/${a.id}/escalate`, jsonInit({ version: 1 }))).json();
    await api("analyst", `/${b.id}/escalate`, jsonInit({ version: 1, incidentId }));
    const closed = await t.as(
      "analyst",
      `/api/v1/incidents/${incidentId}/status`,
      jsonInit({ status: "closed" }),
    );
    expect(closed.status).toBe(200);
    for (const id of [a.id, b.id]) {
      const read = await (await api("viewer", `/${id}`)).json();
      expect(read.status).toBe("closed");
      expect(read.history.at(-1)).toMatchObject({
        kind: "status",
        toValue: "closed",
        body: "Closed with its incident.",
      });
    }
    // The key is free again: a new raise makes a new alert.
    expect((await raise({ dedupKey: "close:a" })).status).toBe(201);
  });

  test("an alert is not attached to a closed incident: 409 saying to reopen it, the alert unchanged", async () => {
    const a = (await raise({ dedupKey: "closed-target:a" })).alert;
    const { incidentId } = await (await api("analyst", `/${a.id}/escalate`, jsonInit({ version: 1 }))).json();
    const closed = await t.as(
      "analyst",
      `/api/v1/incidents/${incidentId}/status`,
      jsonInit({ status: "closed" }),
    );
    expect(closed.status).toBe(200);
    const { alert: b } = await raise({ dedupKey: "closed-target:b" });
    const refused = await api("analyst", `/${b.id}/escalate`, jsonInit({ version: 1, incidentId }));
    expect(refused.status).toBe(409);
    expect((await refused.json()).detail).toBe("That incident is closed; reopen it before attaching alerts.");
    expect(await (await api("viewer", `/${b.id}`)).json()).toMatchObject({
      status: "new",
      version: 1,
      incidentId: null,
    });
  });

  test("viewers cannot escalate", async () => {
    const { alert } = await raise();
    expect((await api("viewer", `/${alert.id}/escalate`, jsonInit({ version: 1 }))).status).toBe(403);
  });
});
