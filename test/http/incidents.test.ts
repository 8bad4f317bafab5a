/**
 * The incidents API: create, read, list (filters, sort, search, pages), edit with
 * optimistic concurrency, the workflow (valid moves, 409 for others, derived durations),
 * comments and the timeline, soft delete and restore, export, roles, and live events.
 */
import { describe, expect, test } from "bun:test";
import { refusedFields } from "../helpers/answers.ts";
import { createdAs, jsonInit, useTestApp } from "../helpers/app.ts";
import { recordEvents } from "../helpers/bus-events.ts";
import * as records from "../helpers/record-api.ts";

const t = useTestApp();

const api = records.collectionApi(t, "/api/v1/incidents");

async function open(fields: Record<string, unknown> = {}, role: "analyst" | "admin" = "analyst") {
  return createdAs(t, role, "/api/v1/incidents", { title: "Suspicious login", severity: "high", ...fields });
}

describe("create and read", () => {
  test("201 with Location and ETag; the timeline starts with the creation; defaults filled", async () => {
    const created = await records.expectCreated(api, {
      title: "  Ransom note on FS01 ",
      severity: "critical",
      category: "malware",
    });
    expect(created).toMatchObject({
      title: "Ransom note on FS01",
      severity: "critical",
      status: "new",
      category: "malware",
      version: 1,
      createdBy: { id: t.users.analyst.id },
      assignedTo: null,
      timeToTriageMs: null,
    });
    const read = await (await api("viewer", `/${created.id}`)).json();
    expect(read.timeline.map((e: { kind: string }) => e.kind)).toEqual(["created"]);
  });

  test("422 names every bad field and stores nothing", async () => {
    const before = (await (await api("viewer", "?pageSize=1")).json()).total;
    const res = api("analyst", "", jsonInit({ title: "", severity: "apocalyptic", assignedTo: 5 }));
    expect(await refusedFields(res)).toEqual(["assignedTo", "severity", "title"]);
    expect((await (await api("viewer", "?pageSize=1")).json()).total).toBe(before);
  });

  test("an assignee must be an active user; assigning writes the timeline", async () => {
    const res = await api(
      "analyst",
      "",
      jsonInit({ title: "x", severity: "low", assignedTo: "no-such-user" }),
    );
    expect(res.status).toBe(422);
    const created = await open({ assignedTo: t.users.manager.id });
    expect(created.assignedTo.id).toBe(t.users.manager.id);
    const read = await (await api("viewer", `/${created.id}`)).json();
    expect(read.timeline.map((e: { kind: string }) => e.kind)).toEqual(["created", "assignment"]);
  });

  test("unknown id: 404", async () => {
    expect((await api("viewer", "/nope")).status).toBe(404);
  });
});

describe("roles", () => {
  test("viewers read but cannot create, edit, move or comment; only admins delete", async () => {
    const incident = await open();
    expect((await api("viewer", "", jsonInit({ title: "x", severity: "low" }))).status).toBe(403);
    expect(
      (await api("viewer", `/${incident.id}`, jsonInit({ version: 1, title: "y" }, "PATCH"))).status,
    ).toBe(403);
    expect((await api("viewer", `/${incident.id}/status`, jsonInit({ status: "triage" }))).status).toBe(403);
    expect((await api("viewer", `/${incident.id}/comments`, jsonInit({ body: "hi" }))).status).toBe(403);
    for (const role of ["viewer", "analyst", "manager"] as const)
      expect((await api(role, `/${incident.id}`, { method: "DELETE" })).status).toBe(403);
    expect((await api("viewer", "?deleted=only")).status).toBe(403);
  });
});

describe("editing with optimistic concurrency", () => {
  records.testOptimisticConcurrency({
    api,
    create: () => open(),
    write: { title: "Renamed", severity: "medium" },
    field: "title",
    viaHeader: { category: "phishing" },
    stale: { category: "x" },
  });
});

describe("detection time", () => {
  test("a detection in the future is a 422, on create and edit (a few minutes' clock skew allowed)", async () => {
    const future = Date.now() + 24 * 3_600_000;
    const created = await api(
      "analyst",
      "",
      jsonInit({ title: "Tomorrow", severity: "low", detectedAt: future }),
    );
    expect(created.status).toBe(422);
    expect((await created.json()).errors).toEqual([
      { field: "detectedAt", message: "The detection cannot lie in the future." },
    ]);
    const incident = await open({ detectedAt: Date.now() + 60_000 });
    const edited = await api(
      "analyst",
      `/${incident.id}`,
      jsonInit({ version: incident.version, detectedAt: future }, "PATCH"),
    );
    expect(edited.status).toBe(422);
  });
});

describe("workflow", () => {
  test("moves forward step by step, records each move, and derives time to triage and to close", async () => {
    const detectedAt = Date.now() - 3_600_000;
    const incident = await open({ detectedAt });
    for (const status of ["triage", "containment", "eradication", "recovery", "closed"]) {
      const res = await api("analyst", `/${incident.id}/status`, jsonInit({ status, note: `to ${status}` }));
      expect(res.status).toBe(200);
      expect((await res.json()).status).toBe(status);
    }
    const done = await (await api("viewer", `/${incident.id}`)).json();
    expect(done.timeToTriageMs).toBeGreaterThanOrEqual(3_600_000);
    expect(done.timeToCloseMs).toBeGreaterThanOrEqual(done.timeToTriageMs);
    expect(done.resolvedAt).not.toBeNull();
    const moves = done.timeline.filter((e: { kind: string }) => e.kind === "status");
    expect(moves.map((e: { fromValue: string; toValue: string }) => `${e.fromValue}→${e.toValue}`)).toEqual([
      "new→triage",
      "triage→containment",
      "containment→eradication",
      "eradication→recovery",
      "recovery→closed",
    ]);
    expect(moves[0].body).toBe("to triage");
  });

  test("invalid moves are 409 and change nothing; closing early and reopening are allowed", async () => {
    const incident = await open();
    const skip = await api("analyst", `/${incident.id}/status`, jsonInit({ status: "recovery" }));
    expect(skip.status).toBe(409);
    expect((await skip.json()).detail).toBe(
      "An incident in new can move to triage or closed, not to recovery.",
    );
    expect((await api("analyst", `/${incident.id}/status`, jsonInit({ status: "closed" }))).status).toBe(200);
    expect((await api("analyst", `/${incident.id}/status`, jsonInit({ status: "new" }))).status).toBe(409);
    const reopened = await api("analyst", `/${incident.id}/status`, jsonInit({ status: "triage" }));
    expect(reopened.status).toBe(200);
    expect(await reopened.json()).toMatchObject({ status: "triage", resolvedAt: null, timeToCloseMs: null });
    expect((await api("analyst", `/${incident.id}/status`, jsonInit({ status: "solved" }))).status).toBe(422);
  });

  test("comments join the timeline in order", async () => {
    const incident = await open();
    expect(
      (await api("analyst", `/${incident.id}/comments`, jsonInit({ body: "Checked the firewall logs." })))
        .status,
    ).toBe(201);
    expect((await api("analyst", `/${incident.id}/comments`, jsonInit({ body: "  " }))).status).toBe(422);
    const read = await (await api("viewer", `/${incident.id}`)).json();
    expect(read.timeline.at(-1)).toMatchObject({
      kind: "comment",
      body: "Checked the firewall logs.",
      actorLabel: "analyst",
    });
  });
});

describe("list", () => {
  test("filters, full-text search, multi-column sort and pages", async () => {
    const tag = `zeta${Date.now()}`;
    await open({ title: `${tag} one`, severity: "low" });
    await open({ title: `${tag} two`, severity: "critical" });
    const third = await open({
      title: `${tag} three`,
      severity: "critical",
      description: "beaconing to 203.0.113.9",
    });
    await api("analyst", `/${third.id}/status`, jsonInit({ status: "triage" }));
    const list = (query: string) => records.listPage<{ title: string }>(api, query);
    expect((await list(`q=${tag}`)).total).toBe(3);
    expect((await list(`q=203.0.113.9`)).items.map((i) => i.title)).toEqual([`${tag} three`]);
    expect((await list(`q=${tag}&severity=critical`)).total).toBe(2);
    expect((await list(`q=${tag}&status=triage`)).items.map((i) => i.title)).toEqual([`${tag} three`]);
    expect((await list(`q=${tag}&sort=severity,title`)).items.map((i) => i.title)).toEqual([
      `${tag} three`,
      `${tag} two`,
      `${tag} one`,
    ]);
    expect((await list(`q=${tag}&sort=-severity,-title`)).items.map((i) => i.title)).toEqual([
      `${tag} one`,
      `${tag} two`,
      `${tag} three`,
    ]);
    await records.expectPage(api, `q=${tag}&sort=title&pageSize=2&page=2`, 3, [`${tag} two`]);
    expect((await list("q=100%25_literal")).total).toBe(0);
  });

  records.testQueriesRefused(api, "pageSize=500&sort=password&status=done&page=0");
});

describe("delete and restore", () => {
  records.testDeleteAndRestore(t, { api, create: open, kind: "incident", refusedRole: "analyst" });
});

describe("export", () => {
  test("CSV and JSON respect the filters; cells that look like formulas are defused", async () => {
    const tag = `exp${Date.now()}`;
    await open({ title: `=HYPERLINK("http://evil") ${tag}`, severity: "high" });
    await open({ title: `${tag}, with "quotes"`, severity: "low" });
    const { header, line } = await records.exportedRecord(api, "incidents", `q=${tag}&severity=high`);
    expect(header).toStartWith("id,title,severity,status");
    expect(line).toContain(`"'=HYPERLINK(""http://evil"") ${tag}"`);
    const json = await records.exportedJson(api, `q=${tag}&sort=title`);
    expect(json.map((i: { title: string }) => i.title)).toEqual([
      `=HYPERLINK("http://evil") ${tag}`,
      `${tag}, with "quotes"`,
    ]);
  });
});

describe("live events", () => {
  test("every change is published on the incidents topic", async () => {
    const events = recordEvents(t.bus, "incidents");
    const incident = await open();
    await api("analyst", `/${incident.id}/status`, jsonInit({ status: "triage" }));
    const seen = events.stopExpecting("incident", ["created", "updated"]);
    expect(seen[1]?.data).toEqual({ id: incident.id, version: 2 });
  });
});
