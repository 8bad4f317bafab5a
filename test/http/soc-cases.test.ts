/**
 * The SOC cases API: a case from selected alerts (422 for an unknown alert, 409 for one in
 * another case, free again once that case is deleted), merging more alerts, notes, the
 * status workflow, edits with optimistic concurrency and the owner told, escalation to one
 * incident carrying every alert's snapshot, export, soft delete and restore.
 */
import { describe, expect, test } from "bun:test";
import type { AlertEvents } from "../../src/modules/soc/alert-events.ts";
import { createdAs, jsonInit, useTestApp } from "../helpers/app.ts";
import { collectionApi, expectVersionedMove } from "../helpers/record-api.ts";

const assigned: { kind: string; userId: string }[] = [];
const recorder: AlertEvents = {
  alertFired: () => {},
  assigned: (record, userId) => assigned.push({ kind: record.kind, userId }),
};

const t = useTestApp({}, { alertEvents: recorder });

const api = collectionApi(t, "/api/v1/soc/cases");

async function alert(title: string, fields: Record<string, unknown> = {}): Promise<{ id: string }> {
  return createdAs(t, "analyst", "/api/v1/soc/alerts", { title, severity: "medium", ...fields });
}

async function openCase(body: Record<string, unknown>) {
  const res = await api("analyst", "", jsonInit({ title: "Brute force wave", ...body }));
  expect(res.status).toBe(201);
  return res.json();
}

describe("cases", () => {
  test("a case groups selected alerts; an alert is in one case only; unknown alerts are 422", async () => {
    const a = await alert("SSH failures on web01");
    const b = await alert("SSH failures on web02");
    const created = await openCase({ alertIds: [a.id, b.id, a.id], ownerId: t.users.manager.id });
    expect(created).toMatchObject({ status: "open", alertCount: 2, owner: { id: t.users.manager.id } });
    expect(assigned).toContainEqual({ kind: "case", userId: t.users.manager.id });
    const read = await (await api("viewer", `/${created.id}`)).json();
    expect(read.alerts.map((x: { id: string }) => x.id).sort()).toEqual([a.id, b.id].sort());
    const elsewhere = await api("analyst", "", jsonInit({ title: "Other", alertIds: [a.id] }));
    expect(elsewhere.status).toBe(409);
    expect((await elsewhere.json()).detail).toContain("Brute force wave");
    const unknown = await api("analyst", "", jsonInit({ title: "Other", alertIds: ["nope"] }));
    expect(unknown.status).toBe(422);
    expect((await unknown.json()).errors[0].field).toBe("alertIds");
    const alertRead = await (await t.as("viewer", `/api/v1/soc/alerts/${a.id}`)).json();
    expect(alertRead.case).toEqual({ id: created.id, title: "Brute force wave" });
  });

  test("an alert of a deleted case may join another; the restored case keeps only the alerts still its own", async () => {
    const moved = await alert("Member of a deleted case");
    const stays = await alert("Stays with the deleted case");
    const gone = await openCase({ title: "To delete", alertIds: [moved.id, stays.id] });
    expect((await api("admin", `/${gone.id}`, { method: "DELETE" })).status).toBe(204);
    const alertCase = async (id: string) =>
      (await (await t.as("viewer", `/api/v1/soc/alerts/${id}`)).json()).case;
    expect(await alertCase(moved.id)).toBeNull();
    const home = await openCase({ title: "New home", alertIds: [moved.id] });
    expect(home.alertCount).toBe(1);
    expect(await alertCase(moved.id)).toEqual({ id: home.id, title: "New home" });
    const history = (await (await t.as("viewer", `/api/v1/soc/alerts/${moved.id}`)).json()).history;
    expect(
      history
        .filter((e: { kind: string }) => e.kind === "case")
        .map((e: { fromValue: string | null; toValue: string }) => [e.fromValue, e.toValue]),
    ).toEqual([
      [null, gone.id],
      [gone.id, home.id],
    ]);

    const restored = await (await api("admin", `/${gone.id}/restore`, jsonInit({}))).json();
    expect(restored.alertCount).toBe(1);
    const read = await (await api("viewer", `/${gone.id}`)).json();
    expect(read.alerts.map((a: { id: string }) => a.id)).toEqual([stays.id]);
    expect(await alertCase(stays.id)).toEqual({ id: gone.id, title: "To delete" });
    expect(await alertCase(moved.id)).toEqual({ id: home.id, title: "New home" });
    const back = await api("analyst", `/${gone.id}/alerts`, jsonInit({ alertIds: [moved.id] }));
    expect(back.status).toBe(409);
    expect((await back.json()).detail).toContain("“New home”");
  });

  test("merge adds alerts (again: no change), notes render on the case, viewers are refused", async () => {
    const k = await openCase({});
    const a = await alert("Merge me");
    const merged = await api("analyst", `/${k.id}/alerts`, jsonInit({ alertIds: [a.id] }));
    expect((await merged.json()).alertCount).toBe(1);
    expect(
      (await (await api("analyst", `/${k.id}/alerts`, jsonInit({ alertIds: [a.id] }))).json()).alertCount,
    ).toBe(1);
    expect((await api("analyst", `/${k.id}/alerts`, jsonInit({ alertIds: [] }))).status).toBe(422);
    expect((await api("viewer", `/${k.id}/alerts`, jsonInit({ alertIds: [a.id] }))).status).toBe(403);
    expect((await api("analyst", `/${k.id}/notes`, jsonInit({ body: "Same **source** IP." }))).status).toBe(
      201,
    );
    expect((await api("analyst", `/${k.id}/notes`, jsonInit({ body: "  " }))).status).toBe(422);
    const read = await (await api("viewer", `/${k.id}`)).json();
    expect(read.notes.map((n: { body: string }) => n.body)).toEqual(["Same **source** IP."]);
  });

  test("a closed or escalated case takes no more alerts (409 saying what to do); reopened, it does", async () => {
    const a = await alert("Late arrival");
    const closed = await openCase({ title: "Closed early" });
    const move = async (status: string, version: number) =>
      expect((await api("analyst", `/${closed.id}/status`, jsonInit({ status, version }))).status).toBe(200);
    await move("closed", 1);
    const refused = await api("analyst", `/${closed.id}/alerts`, jsonInit({ alertIds: [a.id] }));
    expect(refused.status).toBe(409);
    expect((await refused.json()).detail).toBe(
      "This case is closed; reopen it before merging alerts into it.",
    );
    expect((await (await api("viewer", `/${closed.id}`)).json()).alertCount).toBe(0);
    await move("investigating", 2);
    const merged = await api("analyst", `/${closed.id}/alerts`, jsonInit({ alertIds: [a.id] }));
    expect((await merged.json()).alertCount).toBe(1);

    const b = await alert("Escalated with its case");
    const escalated = await openCase({ title: "Escalated case", alertIds: [b.id] });
    const { incidentId } = await (
      await api("analyst", `/${escalated.id}/escalate`, jsonInit({ version: 1 }))
    ).json();
    const c = await alert("After the escalation");
    const late = await api("analyst", `/${escalated.id}/alerts`, jsonInit({ alertIds: [c.id] }));
    expect(late.status).toBe(409);
    expect((await late.json()).detail).toBe(
      `This case was escalated to incident ${incidentId}; escalate further alerts to that incident instead.`,
    );
    expect((await (await api("viewer", `/${escalated.id}`)).json()).alertCount).toBe(1);
    expect((await (await t.as("viewer", `/api/v1/soc/alerts/${c.id}`)).json()).case).toBeNull();
  });

  test("workflow: open → investigating → closed → investigating; others 409; stale 409; none 428", async () => {
    const k = await openCase({});
    expect(
      (await api("analyst", `/${k.id}/status`, jsonInit({ status: "investigating", version: 1 }))).status,
    ).toBe(200);
    expect((await api("analyst", `/${k.id}/status`, jsonInit({ status: "open", version: 2 }))).status).toBe(
      409,
    );
    await expectVersionedMove(api, k.id, 2, "closed", "closed");
    const stale = await api("analyst", `/${k.id}`, jsonInit({ version: 1, title: "Renamed" }, "PATCH"));
    expect(stale.status).toBe(409);
    const edited = await api("analyst", `/${k.id}`, jsonInit({ version: 3, title: "Renamed" }, "PATCH"));
    expect((await edited.json()).title).toBe("Renamed");
  });

  test("escalation: one incident, as severe as the worst alert, with every alert's snapshot in its timeline", async () => {
    const a = await alert("Login from new country", { severity: "low", context: { country: "NZ" } });
    const b = await alert("Mailbox rule created", { severity: "high", context: { rule: "forward all" } });
    const k = await openCase({ alertIds: [a.id, b.id], description: "Account **takeover**?" });
    const res = await api("analyst", `/${k.id}/escalate`, jsonInit({ version: 1 }));
    expect(res.status).toBe(200);
    const { incidentId, case: after } = await res.json();
    expect(after).toMatchObject({ incidentId, status: "investigating" });
    const incident = await (await t.as("viewer", `/api/v1/incidents/${incidentId}`)).json();
    expect(incident).toMatchObject({ title: "Brute force wave", severity: "high", category: "case" });
    const contexts = incident.timeline
      .filter((e: { kind: string }) => e.kind === "alert")
      .map((e: { data: { context: unknown } }) => e.data.context);
    expect(contexts).toEqual([{ country: "NZ" }, { rule: "forward all" }]);
    for (const id of [a.id, b.id])
      expect((await (await t.as("viewer", `/api/v1/soc/alerts/${id}`)).json()).status).toBe("escalated");
    expect((await api("analyst", `/${k.id}/escalate`, jsonInit({ version: 2 }))).status).toBe(409);
    const empty = await openCase({});
    const refused = await api("analyst", `/${empty.id}/escalate`, jsonInit({ version: 1 }));
    expect(refused.status).toBe(409);
  });

  test("list filters and export; delete (admins) and restore", async () => {
    const k = await openCase({ title: "Exported case" });
    const list = await (await api("viewer", "?q=Exported")).json();
    expect(list.items.map((x: { id: string }) => x.id)).toEqual([k.id]);
    expect((await api("viewer", "?status=done")).status).toBe(422);
    const csv = await (await api("viewer", "/export?q=Exported")).text();
    expect(csv.split(/\r?\n/)[0]).toBe("id,title,status,owner,alerts,incident_id,created_at");
    expect((await api("analyst", `/${k.id}`, { method: "DELETE" })).status).toBe(403);
    expect((await api("admin", `/${k.id}`, { method: "DELETE" })).status).toBe(204);
    expect((await api("viewer", `/${k.id}`)).status).toBe(404);
    expect((await api("admin", `/${k.id}/restore`, jsonInit({}))).status).toBe(200);
  });
});
