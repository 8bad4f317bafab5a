/**
 * The SOC pages: the alert queue (full and partial, filters in the URL, live rows, bulk
 * "new case" and "merge into case"), an alert's page (context rendered as tables, the
 * actions: acknowledge, assign, escalate, note), the case list and a case's page (notes,
 * escalation), and the incident page showing the alert's snapshot and the "close its
 * alerts too" choice.
 */
import { describe, expect, test } from "bun:test";
import { textWithStatus, withStatus } from "../helpers/answers.ts";
import { createdAs, jsonInit, useTestApp } from "../helpers/app.ts";
import { expectContains } from "../helpers/expect-text.ts";
import { formFieldsOf, formInit, navOf, partialOf, postForm } from "./helpers.ts";

const t = useTestApp();

const SNAPSHOT = {
  rule: "cpu-high",
  topCpu: [
    { pid: 812, name: "nginx", cpu: 93.5 },
    { pid: 90, name: "postgres", cpu: 12.1 },
  ],
  listening: [{ port: 5432, address: "127.0.0.1" }],
};

async function raise(
  title: string,
  fields: Record<string, unknown> = {},
): Promise<{ id: string; version: number }> {
  const res = await t.as("analyst", "/api/v1/soc/alerts", jsonInit({ title, severity: "high", ...fields }));
  return res.json();
}

const post = (path: string, fields: Record<string, string>, role: "analyst" | "viewer" = "analyst") =>
  postForm(t, role, path, fields);

describe("/soc", () => {
  test("the queue lists alerts with count and severity; bulk bar for analysts only; partial render", async () => {
    await raise("Queue page alert", { dedupKey: "page:1", host: "web01" });
    await raise("Queue page alert", { dedupKey: "page:1", host: "web01" });
    const html = await (await t.as("analyst", "/soc")).text();
    expectContains(html, ["<title>SOC alerts · Warden</title>", "Queue page alert"]);
    expect(html).toMatch(/data-testid="alert-count">2</);
    // One alert (raised twice): the list head says so in the singular.
    expect(html).toMatch(/id="alert-count"[^>]*>1 alert</);
    expectContains(html, ['data-live-topic="alerts"', 'id="alert-bulk"', 'aria-current="page"']);
    const viewer = await (await t.as("viewer", "/soc")).text();
    expect(viewer).not.toContain('id="alert-bulk"');
    await partialOf(t, "viewer", "/soc", "SOC alerts");
    const rows = await t.as("viewer", "/soc/rows?host=web01&severity=low", {
      headers: { "HX-Request": "true" },
    });
    expect(rows.headers.get("HX-Replace-Url")).toBe("/soc?severity=low&host=web01");
    expect(await rows.text()).toContain("No alert matches these filters.");
    expect(await (await t.as("viewer", "/soc?status=bogus")).text()).toContain('aria-invalid="true"');
  });

  test("ticked alerts become a new case, or merge into an open one; a bad post shows why on the queue", async () => {
    const a = await raise("Bulk one");
    const b = await raise("Bulk two");
    const made = await withStatus(post("/soc/cases", { title: "Bulk case", alertIds: a.id }), 303);
    const caseUrl = made.headers.get("Location") as string;
    expect(caseUrl).toMatch(/^\/soc\/cases\/[\w-]+\?notice=created$/);
    const caseId = caseUrl.split("/")[3]?.split("?")[0] as string;
    const body = new URLSearchParams([
      ["caseId", caseId],
      ["alertIds", b.id],
    ]);
    const merged = await t.as("analyst", "/soc/cases/merge", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "http://localhost" },
      body,
    });
    expect(merged.headers.get("Location")).toBe(`/soc/cases/${caseId}?notice=merged`);
    const page = await (await t.as("viewer", `/soc/cases/${caseId}`)).text();
    expectContains(page, ["Bulk one", "Bulk two"]);
    expect(await textWithStatus(post("/soc/cases", { title: "Nothing ticked" }), 422)).toContain(
      "Choose at least one alert.",
    );
    expect(await textWithStatus(post("/soc/cases", { title: "", alertIds: a.id }), 422)).toContain(
      "Enter a title.",
    );
    expect(await textWithStatus(post("/soc/cases", { title: "Again", alertIds: a.id }), 409)).toContain(
      "already in the case “Bulk case”",
    );
    expect((await post("/soc/cases", { title: "x", alertIds: a.id }, "viewer")).status).toBe(403);
  });

  test("a refused bulk action shows the queue as it was: its filters, the title typed, the alerts ticked, its nav entry", async () => {
    const taken = await raise("Bulk taken", { severity: "low" });
    const free = await raise("Bulk free", { severity: "low" });
    await withStatus(post("/soc/cases", { title: "Holds one", alertIds: taken.id }), 303);
    const queue = await textWithStatus(t.as("analyst", "/soc?severity=low"), 200);
    const action = "/soc/cases?severity=low";
    expect(queue).toContain(`action="${action}"`);
    expect(queue).toContain('formaction="/soc/cases/merge?severity=low"');
    const typed = new URLSearchParams([
      ["title", "My typed case title"],
      ["alertIds", taken.id],
      ["alertIds", free.id],
    ]);
    const refused = await textWithStatus(t.as("analyst", action, { ...formInit({}), body: typed }), 409);
    expect(refused).toContain("already in the case “Holds one”");
    expect(new Map(await formFieldsOf(refused, action)).get("title")).toBe("My typed case title");
    for (const id of [taken.id, free.id])
      expect(refused).toMatch(
        new RegExp(`<input [^>]*value="${id}"[^>]* checked=""[^>]*data-testid="select-${id}"`),
      );
    expect(refused).toMatch(/<option value="low" selected="">/);
    expect(refused).not.toContain("Bulk one");
    expect(navOf(refused)).toContain('href="/soc" class="nav-link" aria-current="page"');
  });

  test("the merge choices leave out closed and escalated cases; merging into one shows why not on the queue", async () => {
    const a = await raise("Choice member");
    const open = (
      await withStatus(post("/soc/cases", { title: "Still open choice", alertIds: a.id }), 303)
    ).headers
      .get("Location")
      ?.split("/")[3]
      ?.split("?")[0] as string;
    const closed = await (
      await t.as("analyst", "/api/v1/soc/cases", jsonInit({ title: "Closed choice" }))
    ).json();
    await t.as(
      "analyst",
      `/api/v1/soc/cases/${closed.id}/status`,
      jsonInit({ status: "closed", version: 1 }),
    );
    const b = await raise("Escalated member");
    const escalated = await (
      await t.as("analyst", "/api/v1/soc/cases", jsonInit({ title: "Escalated choice", alertIds: [b.id] }))
    ).json();
    await t.as("analyst", `/api/v1/soc/cases/${escalated.id}/escalate`, jsonInit({ version: 1 }));
    const queue = await (await t.as("analyst", "/soc")).text();
    expect(queue).toContain(`<option value="${open}"`);
    expect(queue).not.toContain(`<option value="${closed.id}"`);
    expect(queue).not.toContain(`<option value="${escalated.id}"`);
    const c = await raise("Too late");
    const merge = (caseId: string) =>
      t.as("analyst", "/soc/cases/merge", {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "http://localhost" },
        body: new URLSearchParams([
          ["caseId", caseId],
          ["alertIds", c.id],
        ]),
      });
    expect(await textWithStatus(merge(closed.id), 409)).toContain(
      "This case is closed; reopen it before merging alerts into it.",
    );
    expect(await textWithStatus(merge(escalated.id), 409)).toContain(
      "; escalate further alerts to that incident instead.",
    );
  });
});

describe("/soc/:id", () => {
  test("the context shows as tables and facts, never as raw JSON; actions for analysts only", async () => {
    const a = await raise("Context page", { context: SNAPSHOT, host: "db01" });
    const html = await (await t.as("analyst", `/soc/${a.id}`)).text();
    expect(html).toContain('data-testid="alert-context"');
    expect(html).toMatch(/<th scope="col"[^>]*>Pid<\/th>/);
    expectContains(html, ["nginx", "93.5"]);
    expect(html).toMatch(/<dt>Rule<\/dt>\s*<dd>\s*<span>cpu-high<\/span>/);
    expect(html).not.toContain('{"pid"');
    expectContains(html, ['data-testid="escalate-submit"', 'data-testid="move-acknowledged"']);
    const viewer = await (await t.as("viewer", `/soc/${a.id}`)).text();
    expect(viewer).not.toContain('data-testid="escalate-submit"');
  });

  test("an alert with a worst-case 200,000-character context renders quickly, bounded, saying what is left out", async () => {
    // Every row has a key of its own: as many columns as rows, the shape that made drawing
    // the table quadratic. Plus a long text and a deep object.
    const rows: Record<string, number>[] = [];
    const context = { command: "y".repeat(5_000), deep: { a: { b: { c: { d: 1 } } } }, rows };
    let chars = JSON.stringify(context).length;
    while (chars + 20 < 200_000) {
      const row = { [`k${rows.length}`]: rows.length };
      rows.push(row);
      chars += JSON.stringify(row).length + 1;
    }
    expect(JSON.stringify(context).length).toBeLessThanOrEqual(200_000);
    const a = await raise("Huge context", { context });
    const started = performance.now();
    const res = await t.as("viewer", `/soc/${a.id}`);
    const html = await res.text();
    const took = performance.now() - started;
    expect(res.status).toBe(200);
    expect(took).toBeLessThan(2_000);
    expect(html.length).toBeLessThan(500_000);
    const shows = (text: string) => html.includes(text);
    expect({
      folded: shows(
        `<summary class="context-fold-summary">${rows.length.toLocaleString("en")} rows: show the table</summary>`,
      ),
      moreRows: shows(`${(rows.length - 100).toLocaleString("en")} more rows not shown.`),
      moreColumns: shows("88 more columns not shown."),
      cutText: shows("… (4,800 more characters)"),
      deepAsJson: shows('<code class="mono">{&quot;c&quot;:{&quot;d&quot;:1}}</code>'),
    }).toEqual({ folded: true, moreRows: true, moreColumns: true, cutText: true, deepAsJson: true });
  });

  test("a row without a column shows a dash, not what objects inherit (toString, constructor)", async () => {
    const a = await raise("Sparse rows", { context: { rows: [{ toString: "x", pid: 1 }, { pid: 2 }] } });
    const html = await (await t.as("viewer", `/soc/${a.id}`)).text();
    expect(html).not.toContain("native code");
    expect(html).toMatch(/<td><span class="muted">—<\/span><\/td>/);
  });

  test("acknowledge, assign, note; a stale move shows the conflict on the page (409)", async () => {
    const a = await raise("Act on me");
    const ack = await post(`/soc/${a.id}/status`, { status: "acknowledged", version: "1" });
    expect(ack.headers.get("Location")).toBe(`/soc/${a.id}?notice=moved`);
    expect(
      await textWithStatus(post(`/soc/${a.id}/status`, { status: "closed", version: "1" }), 409),
    ).toContain("changed by someone else");
    await withStatus(post(`/soc/${a.id}/assign`, { assignedTo: t.users.manager.id, version: "2" }), 303);
    expect(await textWithStatus(post(`/soc/${a.id}/notes`, { body: " " }), 422)).toContain(
      "Write something.",
    );
    await post(`/soc/${a.id}/notes`, { body: "Checked with **ops**." });
    const html = await (await t.as("viewer", `/soc/${a.id}?notice=assigned`)).text();
    expectContains(html, ["Assignment saved.", "<strong>ops</strong>"]);
    expect(html).toMatch(/data-testid="alert-assignee">\s*The manager/);
  });

  test("escalating lands on the incident, whose timeline shows the snapshot; closing offers to close its alerts", async () => {
    const a = await raise("Escalate from page", { context: SNAPSHOT, host: "web09" });
    const res = await withStatus(post(`/soc/${a.id}/escalate`, { version: "1", target: "new" }), 303);
    const location = res.headers.get("Location") as string;
    expect(location).toMatch(/^\/incidents\/[\w-]+\?notice=escalated$/);
    const html = await (await t.as("analyst", location)).text();
    expectContains(html, ["Alert escalated to this incident.", 'data-testid="alert-snapshot"']);
    expect(html).toMatch(/<th scope="col"[^>]*>Port<\/th>/);
    expectContains(html, ['data-testid="incident-alerts"', 'data-testid="move-closed-closeAlerts"']);
    await withStatus(
      post(`/soc/${(await raise("Attach nothing")).id}/escalate`, {
        version: "1",
        target: "attach",
      }),
      422,
    );
    // Unticked: the alerts stay open.
    const incidentId = location.split("/")[2]?.split("?")[0] as string;
    await post(`/incidents/${incidentId}/status`, { status: "closed", version: "1", alertChoice: "1" });
    const alert = await (await t.as("viewer", `/api/v1/soc/alerts/${a.id}`)).json();
    expect(alert.status).toBe("escalated");
  });
});

describe("a refused action on an alert's or a case's page", () => {
  /** Posts `fields` to `action`, refused with `status`: the fields its form on the page answered would post again. */
  const shownAgain = async (action: string, fields: Record<string, string>, status: number) =>
    new Map(await formFieldsOf(await textWithStatus(post(action, fields), status), action));
  const openIncident = async (title: string) =>
    ((await createdAs(t, "analyst", "/api/v1/incidents", { title, severity: "low" })) as { id: string }).id;

  test("the alert's Escalate (422) and Assign (409) forms show what was posted, not the record's values", async () => {
    const incidentId = await openIncident("Attach here");
    const a = await raise("Refused on its page");
    const escalate = `/soc/${a.id}/escalate`;
    const attach = await shownAgain(escalate, { version: "1", target: "attach", incidentId: "" }, 422);
    expect(attach.get("target")).toBe("attach");
    await withStatus(post(`/soc/${a.id}/status`, { status: "acknowledged", version: "1" }), 303);
    const stale = await shownAgain(
      `/soc/${a.id}/assign`,
      { assignedTo: t.users.manager.id, version: "1" },
      409,
    );
    expect([stale.get("assignedTo"), stale.get("version")]).toEqual([t.users.manager.id, "2"]);
    const chosen = await shownAgain(escalate, { version: "1", target: "attach", incidentId }, 409);
    expect([chosen.get("target"), chosen.get("incidentId")]).toEqual(["attach", incidentId]);
  });

  test("the case's owner (409) and escalation (409) forms show what was posted", async () => {
    const incidentId = await openIncident("Case target");
    const a = await raise("Case refusal alert");
    const k = await (
      await t.as("analyst", "/api/v1/soc/cases", jsonInit({ title: "Refused case", alertIds: [a.id] }))
    ).json();
    await withStatus(post(`/soc/cases/${k.id}/owner`, { ownerId: t.users.analyst.id, version: "1" }), 303);
    const stale = await shownAgain(
      `/soc/cases/${k.id}/owner`,
      { ownerId: t.users.manager.id, version: "1" },
      409,
    );
    expect(stale.get("ownerId")).toBe(t.users.manager.id);
    const chosen = await shownAgain(`/soc/cases/${k.id}/escalate`, { version: "1", incidentId }, 409);
    expect(chosen.get("incidentId")).toBe(incidentId);
  });
});

describe("/soc/cases", () => {
  test("the list, a case's page with notes, owner and escalation", async () => {
    const a = await raise("Case page alert", { context: { user: "mallory" } });
    const k = await (
      await t.as("analyst", "/api/v1/soc/cases", jsonInit({ title: "Case page", alertIds: [a.id] }))
    ).json();
    const list = await (await t.as("viewer", "/soc/cases")).text();
    expectContains(list, ["<title>Cases · Warden</title>", "Case page", 'data-live-topic="cases"']);
    await partialOf(t, "viewer", "/soc/cases", "Cases");
    await post(`/soc/cases/${k.id}/notes`, { body: "Seen *before*." });
    await post(`/soc/cases/${k.id}/owner`, { ownerId: t.users.analyst.id, version: "1" });
    const page = await (await t.as("analyst", `/soc/cases/${k.id}`)).text();
    expect(page).toContain("<em>before</em>");
    expect(page).toMatch(/data-testid="case-owner">\s*The analyst/);
    expect(page).toContain('data-testid="case-escalate-submit"');
    await withStatus(post(`/soc/cases/${k.id}/status`, { status: "closed", version: "1" }), 409);
    const escalated = await post(`/soc/cases/${k.id}/escalate`, { version: "2" });
    expect(escalated.headers.get("Location")).toMatch(/^\/incidents\/[\w-]+\?notice=caseEscalated$/);
    const incident = await (await t.as("viewer", escalated.headers.get("Location") as string)).text();
    expectContains(incident, ["mallory", "Case escalated to this incident"]);
  });
});
