/**
 * The vulnerabilities API: create and read with the rating derived from CVSS 3.1 and 4.0
 * vectors, a 422 naming every bad field, one record per CVE, SLA due dates from the config
 * (hot) and the overdue flag and filter, the status rules, roles, editing with optimistic
 * concurrency, affected assets, soft delete and restore, export, the import (preview,
 * all or nothing, one transaction, audited once) and live events.
 */
import { beforeAll, describe, expect, test } from "bun:test";
import type { Config } from "../../src/config/schema.ts";
import { createdAs, createTestApp, jsonInit, useTestApp } from "../helpers/app.ts";
import { recordEvents } from "../helpers/bus-events.ts";
import * as records from "../helpers/record-api.ts";

let web: { id: string; name: string };
let db: { id: string; name: string };
const t = useTestApp();
beforeAll(async () => {
  web = await asset({ name: "web01", hostname: "web01.example.com" });
  db = await asset({ name: "Billing DB", assetType: "database", hostname: "db01.example.com" });
});

type Who = "admin" | "manager" | "analyst" | "viewer";
const DAY = 86_400_000;
const V31_CRITICAL = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H";
const V31_MEDIUM = "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:L/I:L/A:N";
const V40_HIGH = "CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:N/VC:H/VI:L/VA:N/SC:N/SI:N/SA:N";
const V31_NONE = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N";

const api = records.collectionApi(t, "/api/v1/vulnerabilities");

async function asset(fields: Record<string, unknown>) {
  return createdAs(t, "analyst", "/api/v1/cmdb/assets", { assetType: "server", ...fields });
}

let cveSeq = 10_000;
/** A CVE id no other test uses. */
const cve = () => `CVE-2031-${++cveSeq}`;

async function record(fields: Record<string, unknown> = {}, role: Who = "analyst") {
  return createdAs(t, role, "/api/v1/vulnerabilities", { title: "Finding", severity: "high", ...fields });
}

const total = async (query = "") =>
  (await (await api("viewer", `?pageSize=1&${query}`)).json()).total as number;

describe("create and read", () => {
  test("201 with Location and ETag; a CVSS 3.1 vector gives score 9.8 and critical; the CVE id is upper-cased; assets by name", async () => {
    const before = Date.now();
    const created = await records.expectCreated(api, {
      cveId: " cve-2024-3094 ",
      title: "  xz backdoor ",
      cvssVector: ` ${V31_CRITICAL} `,
      assetIds: [web.id, db.id, web.id],
      description: "Backdoored **liblzma**.",
    });
    expect(created).toMatchObject({
      cveId: "CVE-2024-3094",
      title: "xz backdoor",
      cvssVector: V31_CRITICAL,
      cvssVersion: "3.1",
      cvssScore: 9.8,
      severity: "critical",
      status: "open",
      overdue: false,
      resolvedAt: null,
      version: 1,
      createdBy: { id: t.users.analyst.id, name: "The analyst" },
    });
    expect(created.discoveredAt).toBeGreaterThanOrEqual(before);
    expect(created.dueAt).toBe(created.discoveredAt + 7 * DAY);
    expect(created.assets.map((a: { name: string }) => a.name)).toEqual(["Billing DB", "web01"]);
    expect(created.assets[1]).toMatchObject({
      id: web.id,
      hostname: "web01.example.com",
      assetType: "server",
    });
    const read = await api("viewer", `/${created.id}`);
    expect(read.headers.get("ETag")).toBe('"1"');
    expect(await read.json()).toEqual({ ...created, techniques: [] });
  });

  test("a CVSS 4.0 vector gives its CVSS-B score and severity; optional metrics are kept, X ones dropped", async () => {
    const created = await record({ cvssVector: `${V40_HIGH}/E:X/CR:H`, severity: null });
    expect(created).toMatchObject({
      cvssVector: `${V40_HIGH}/CR:H`,
      cvssVersion: "4.0",
      cvssScore: 7.1,
      severity: "high",
    });
    expect(created.dueAt).toBe(created.discoveredAt + 30 * DAY);
  });

  test("a sent severity must agree with the vector; a 0.0 score is informational with no due date", async () => {
    const agreeing = await record({ cvssVector: V31_MEDIUM, severity: "medium" });
    expect(agreeing).toMatchObject({ cvssScore: 5.4, severity: "medium" });
    const none = await record({ cvssVector: V31_NONE, severity: undefined });
    expect(none).toMatchObject({ cvssScore: 0, severity: "informational", dueAt: null, overdue: false });
    const res = await api(
      "analyst",
      "",
      jsonInit({ title: "x", cvssVector: V31_MEDIUM, severity: "critical" }),
    );
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body.errors).toEqual([
      {
        field: "severity",
        message:
          "The CVSS vector rates this medium (5.4): leave the severity to the vector or choose medium.",
      },
    ]);
  });

  test("an internal finding: no CVE, no vector, the severity chosen; informational has no due date", async () => {
    const internal = await record({ title: "Default SNMP community", severity: "low" });
    expect(internal).toMatchObject({ cveId: null, cvssVector: null, cvssVersion: null, cvssScore: null });
    expect(internal.dueAt).toBe(internal.discoveredAt + 180 * DAY);
    const info = await record({ severity: "informational" });
    expect(info.dueAt).toBeNull();
  });

  test("422 names every bad field — CVE id, CVSS vector, title, status, assets, discovery — and stores nothing", async () => {
    const before = await total();
    const res = await api(
      "analyst",
      "",
      jsonInit({
        cveId: "CVE-24-1",
        title: " ",
        cvssVector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H",
        status: "fixed",
        assetIds: "web01",
        discoveredAt: Date.now() + 2 * DAY,
      }),
    );
    expect(res.status).toBe(422);
    const body = await res.json();
    const messages = Object.fromEntries(
      body.errors.map((e: { field: string; message: string }) => [e.field, e.message]),
    );
    expect(Object.keys(messages).sort()).toEqual([
      "assetIds",
      "cveId",
      "cvssVector",
      "discoveredAt",
      "status",
      "title",
    ]);
    expect(messages.cveId).toBe(
      "Enter a CVE id such as CVE-2024-3094, or leave it empty for an internal finding.",
    );
    expect(messages.cvssVector).toBe("Missing base metric: A.");
    expect(await total()).toBe(before);
  });

  test("each bad CVSS vector is a 422 on cvssVector with the reason", async () => {
    for (const [vector, reason] of [
      ["CVSS:2.0/AV:N/AC:L/Au:N/C:P/I:P/A:P", "CVSS 2.0 is not accepted"],
      ["CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:Q", "A:Q is not valid"],
      ["AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "starts with CVSS:3.1/ or CVSS:4.0/"],
    ] as const) {
      const res = await api("analyst", "", jsonInit({ title: "x", cvssVector: vector }));
      expect(res.status).toBe(422);
      const [error] = (await res.json()).errors;
      expect(error.field).toBe("cvssVector");
      expect(error.message).toContain(reason);
    }
  });

  test("without a vector a severity is required", async () => {
    const res = await api("analyst", "", jsonInit({ title: "x" }));
    expect(res.status).toBe(422);
    expect((await res.json()).errors).toEqual([
      { field: "severity", message: "Choose a severity, or give a CVSS vector to derive it from." },
    ]);
  });

  test("affected assets must exist (422 on assetIds)", async () => {
    const res = await api(
      "analyst",
      "",
      jsonInit({ title: "x", severity: "low", assetIds: [web.id, "no-such"] }),
    );
    expect(res.status).toBe(422);
    expect((await res.json()).errors).toEqual([
      { field: "assetIds", message: "No asset no-such: choose assets that exist." },
    ]);
  });

  test("one record per CVE: a second is 422 on cveId; once the first is deleted it can be recorded again, and the first cannot be restored", async () => {
    const id = cve();
    const first = await record({ cveId: id, title: "First" });
    const twice = await api(
      "analyst",
      "",
      jsonInit({ cveId: id.toLowerCase(), title: "Again", severity: "low" }),
    );
    expect(twice.status).toBe(422);
    expect((await twice.json()).errors).toEqual([
      {
        field: "cveId",
        message: `${id} is recorded already, as “First”: add the affected assets to that one instead.`,
      },
    ]);
    expect((await api("admin", `/${first.id}`, { method: "DELETE" })).status).toBe(204);
    const second = await record({ cveId: id, title: "Second" });
    const restore = await api("admin", `/${first.id}/restore`, jsonInit({}));
    expect(restore.status).toBe(409);
    expect((await restore.json()).detail).toContain(`${id} is recorded again as “Second”`);
    const rename = await api("analyst", `/${second.id}`, jsonInit({ version: 1, cveId: cve() }, "PATCH"));
    expect(rename.status).toBe(200);
    expect((await api("admin", `/${first.id}/restore`, jsonInit({}))).status).toBe(200);
  });

  test("unknown id: 404", async () => {
    expect((await api("viewer", "/nope")).status).toBe(404);
  });
});

describe("SLA due dates and overdue", () => {
  test("due dates follow vulnerabilities.sla.* per severity", async () => {
    const custom = await createTestApp({
      vulnerabilities: { sla: { criticalDays: 2, highDays: 5, mediumDays: 11, lowDays: 23 } },
    });
    try {
      const discoveredAt = Date.now() - DAY;
      for (const [severity, days] of [
        ["critical", 2],
        ["high", 5],
        ["medium", 11],
        ["low", 23],
        ["informational", null],
      ] as const) {
        const res = await custom.as(
          "analyst",
          "/api/v1/vulnerabilities",
          jsonInit({ title: severity, severity, discoveredAt }),
        );
        const v = await res.json();
        expect(v.dueAt).toBe(days === null ? null : discoveredAt + days * DAY);
      }
    } finally {
      custom.close();
    }
  });

  test("the SLA is hot: a new value applies to vulnerabilities recorded or re-rated afterwards", async () => {
    const source = t.config as { get: () => Config };
    const original = source.get;
    const kept = await record({ severity: "critical" });
    try {
      const cfg = original();
      source.get = () => ({
        ...cfg,
        vulnerabilities: { sla: { ...cfg.vulnerabilities.sla, criticalDays: 1, highDays: 3 } },
      });
      const fresh = await record({ severity: "critical" });
      expect(fresh.dueAt).toBe(fresh.discoveredAt + DAY);
      expect((await (await api("viewer", `/${kept.id}`)).json()).dueAt).toBe(kept.discoveredAt + 7 * DAY);
      const rerated = await api(
        "analyst",
        `/${kept.id}`,
        jsonInit({ version: 1, severity: "high" }, "PATCH"),
      );
      expect((await rerated.json()).dueAt).toBe(kept.discoveredAt + 3 * DAY);
    } finally {
      source.get = original;
    }
  });

  test("overdue: open or in progress past the due date; filterable; closing it clears the flag", async () => {
    const tag = `od${Date.now()}`;
    const late = await record({
      title: `${tag} late`,
      severity: "critical",
      discoveredAt: Date.now() - 8 * DAY,
    });
    const onTime = await record({
      title: `${tag} on time`,
      severity: "critical",
      discoveredAt: Date.now() - 6 * DAY,
    });
    await record({ title: `${tag} info`, severity: "informational", discoveredAt: Date.now() - 400 * DAY });
    expect(late.overdue).toBe(true);
    expect(onTime.overdue).toBe(false);
    const list = async (query: string) =>
      (await (await api("viewer", `?q=${tag}&sort=title&${query}`)).json()).items.map(
        (v: { title: string }) => v.title,
      );
    expect(await list("overdue=true")).toEqual([`${tag} late`]);
    expect(await list("overdue=false")).toEqual([`${tag} info`, `${tag} on time`]);
    const moved = await api("analyst", `/${late.id}/status`, jsonInit({ status: "in_progress" }));
    expect((await moved.json()).overdue).toBe(true);
    const accepted = await api("analyst", `/${late.id}/status`, jsonInit({ status: "accepted" }));
    expect((await accepted.json()).overdue).toBe(false);
    expect(await list("overdue=true")).toEqual([]);
  });
});

describe("status", () => {
  test("open states go anywhere; closed ones only back to open; resolvedAt follows; the same status and other moves are 409", async () => {
    const v = await record();
    const move = (status: string) => api("analyst", `/${v.id}/status`, jsonInit({ status }));
    expect((await (await move("in_progress")).json()).status).toBe("in_progress");
    const mitigated = await (await move("mitigated")).json();
    expect(mitigated.resolvedAt).toBeGreaterThan(0);
    const refused = await move("accepted");
    expect(refused.status).toBe(409);
    expect((await refused.json()).detail).toBe(
      "A vulnerability that is mitigated can move to open, not to accepted.",
    );
    expect((await move("mitigated")).status).toBe(409);
    const reopened = await (await move("open")).json();
    expect(reopened).toMatchObject({ status: "open", resolvedAt: null, version: 4 });
    expect((await move("false_positive")).status).toBe(200);
    expect((await move("fixed")).status).toBe(422);
  });

  test("a move against an old version is 409", async () => {
    const v = await record();
    await api("analyst", `/${v.id}/status`, jsonInit({ status: "in_progress", version: 1 }));
    const stale = await api("manager", `/${v.id}/status`, jsonInit({ status: "mitigated", version: 1 }));
    expect(stale.status).toBe(409);
    expect((await stale.json()).detail).toContain("changed by someone else");
  });
});

describe("roles", () => {
  test("viewers read but cannot record, edit, move or import; only admins delete and see deleted ones", async () => {
    const v = await record();
    expect((await api("viewer", "", jsonInit({ title: "x", severity: "low" }))).status).toBe(403);
    expect((await api("viewer", `/${v.id}`, jsonInit({ version: 1, title: "y" }, "PATCH"))).status).toBe(403);
    expect((await api("viewer", `/${v.id}/status`, jsonInit({ status: "mitigated" }))).status).toBe(403);
    expect(
      (await api("viewer", "/import", jsonInit({ format: "csv", content: "title,severity\nx,low" }))).status,
    ).toBe(403);
    for (const role of ["viewer", "analyst", "manager"] as const) {
      expect((await api(role, `/${v.id}`, { method: "DELETE" })).status).toBe(403);
      expect((await api(role, "?deleted=only")).status).toBe(403);
    }
    expect((await record({}, "manager")).createdBy.name).toBe("The manager");
  });
});

describe("editing with optimistic concurrency", () => {
  records.testOptimisticConcurrency({
    api,
    create: () => record(),
    write: { title: "Renamed" },
    field: "title",
    viaHeader: { title: "Via header" },
    stale: { title: "x" },
  });

  test("a new vector re-derives score, severity and due date; a kept vector rules the severity; removing it keeps the severity", async () => {
    const v = await record({ cvssVector: V31_MEDIUM, severity: undefined });
    expect(v.dueAt).toBe(v.discoveredAt + 90 * DAY);
    const rerated = await (
      await api("analyst", `/${v.id}`, jsonInit({ version: 1, cvssVector: V40_HIGH }, "PATCH"))
    ).json();
    expect(rerated).toMatchObject({ cvssVersion: "4.0", cvssScore: 7.1, severity: "high", version: 2 });
    expect(rerated.dueAt).toBe(v.discoveredAt + 30 * DAY);
    const ruled = await api("analyst", `/${v.id}`, jsonInit({ version: 2, severity: "low" }, "PATCH"));
    expect(ruled.status).toBe(422);
    expect((await ruled.json()).errors[0].field).toBe("severity");
    const bad = await api(
      "analyst",
      `/${v.id}`,
      jsonInit({ version: 2, cvssVector: "CVSS:3.1/nonsense" }, "PATCH"),
    );
    expect(bad.status).toBe(422);
    expect((await bad.json()).errors[0].field).toBe("cvssVector");
    const removed = await (
      await api("analyst", `/${v.id}`, jsonInit({ version: 2, cvssVector: null }, "PATCH"))
    ).json();
    expect(removed).toMatchObject({
      cvssVector: null,
      cvssScore: null,
      cvssVersion: null,
      severity: "high",
      version: 3,
    });
    const chosen = await (
      await api("analyst", `/${v.id}`, jsonInit({ version: 3, severity: "low" }, "PATCH"))
    ).json();
    expect(chosen).toMatchObject({ severity: "low", version: 4 });
    expect(chosen.dueAt).toBe(v.discoveredAt + 180 * DAY);
    const moved = await (
      await api("analyst", `/${v.id}`, jsonInit({ version: 4, discoveredAt: v.discoveredAt - DAY }, "PATCH"))
    ).json();
    expect(moved.dueAt).toBe(v.discoveredAt - DAY + 180 * DAY);
  });

  test("assetIds replaces the list; an unknown asset is 422 and nothing changes; an unchanged patch keeps the version", async () => {
    const v = await record({ assetIds: [web.id] });
    const replaced = await (
      await api("analyst", `/${v.id}`, jsonInit({ version: 1, assetIds: [db.id] }, "PATCH"))
    ).json();
    expect(replaced.assets.map((a: { id: string }) => a.id)).toEqual([db.id]);
    const bad = await api(
      "analyst",
      `/${v.id}`,
      jsonInit({ version: 2, assetIds: [web.id, "ghost"] }, "PATCH"),
    );
    expect(bad.status).toBe(422);
    const after = await (await api("viewer", `/${v.id}`)).json();
    expect(after).toMatchObject({ version: 2, assets: [{ id: db.id }] });
    const same = await api(
      "analyst",
      `/${v.id}`,
      jsonInit({ version: 2, assetIds: [db.id], title: after.title }, "PATCH"),
    );
    expect((await same.json()).version).toBe(2);
  });

  test("deleting an asset removes it from the vulnerabilities it was on", async () => {
    const gone = await asset({ name: `short-lived ${Date.now()}` });
    const v = await record({ assetIds: [gone.id, web.id] });
    expect((await t.as("admin", `/api/v1/cmdb/assets/${gone.id}`, { method: "DELETE" })).status).toBe(204);
    expect((await (await api("viewer", `/${v.id}`)).json()).assets.map((a: { id: string }) => a.id)).toEqual([
      web.id,
    ]);
  });
});

describe("list", () => {
  test("filters, full-text search over CVE, title and description, multi-column sort with blanks last, and pages", async () => {
    const tag = `lst${Date.now()}`;
    const id = cve();
    await record({
      title: `${tag} alpha`,
      cvssVector: V31_CRITICAL,
      severity: undefined,
      cveId: id,
      assetIds: [db.id],
    });
    await record({ title: `${tag} beta`, cvssVector: V31_MEDIUM, severity: undefined });
    await record({
      title: `${tag} gamma`,
      severity: "high",
      description: `found on the **edge proxy** (ticket ${tag.toUpperCase()}-7)`,
    });
    const delta = await record({ title: `${tag} delta`, cvssVector: V40_HIGH, severity: undefined });
    await api("analyst", `/${delta.id}/status`, jsonInit({ status: "mitigated" }));
    const list = (query: string) => records.listPage<{ title: string }>(api, `q=${tag}&${query}`);
    const titles = async (query: string) =>
      (await list(query)).items.map((v) => v.title.replace(`${tag} `, ""));
    expect((await list("")).total).toBe(4);
    expect(
      (await (await api("viewer", `?q=${id.toLowerCase()}`)).json()).items.map(
        (v: { title: string }) => v.title,
      ),
    ).toEqual([`${tag} alpha`]);
    const byDescription = await (await api("viewer", `?q=${tag.toUpperCase()}-7`)).json();
    expect(byDescription.items.map((v: { title: string }) => v.title)).toEqual([`${tag} gamma`]);
    expect(await titles("severity=high&sort=title")).toEqual(["delta", "gamma"]);
    expect(await titles("status=mitigated")).toEqual(["delta"]);
    expect(await titles(`assetId=${db.id}`)).toEqual(["alpha"]);
    expect(await titles("sort=-score,title")).toEqual(["alpha", "delta", "beta", "gamma"]);
    expect(await titles("sort=score,title")).toEqual(["beta", "delta", "alpha", "gamma"]);
    expect(await titles("sort=severity,-title")).toEqual(["alpha", "gamma", "delta", "beta"]);
    await records.expectPage(api, `q=${tag}&sort=title&pageSize=3&page=2`, 4, [`${tag} gamma`]);
  });

  records.testQueriesRefused(api, "pageSize=201&sort=password&status=fixed&overdue=yes&page=0");
});

describe("delete and restore", () => {
  records.testDeleteAndRestore(t, {
    api,
    create: record,
    kind: "vulnerability",
    refusedRole: "analyst",
    whileDeleted: async (id) =>
      expect((await api("analyst", `/${id}/status`, jsonInit({ status: "mitigated" }))).status).toBe(404),
  });
});

describe("export", () => {
  test("CSV and JSON respect the filters; assets are listed; formula-like cells are defused", async () => {
    const tag = `exp${Date.now()}`;
    await record({
      title: `=HYPERLINK("http://evil") ${tag}`,
      cvssVector: V31_CRITICAL,
      severity: undefined,
      assetIds: [web.id, db.id],
    });
    await record({ title: `${tag}, with "quotes"`, severity: "low" });
    const { header, line } = await records.exportedRecord(
      api,
      "vulnerabilities",
      `q=${tag}&severity=critical`,
    );
    expect(header).toBe(
      "id,cve_id,title,severity,cvss_score,cvss_vector,status,overdue,assets,discovered_at,due_at,resolved_at,created_by,assigned_to,updated_at",
    );
    expect(line).toContain(
      `"'=HYPERLINK(""http://evil"") ${tag}",critical,9.8,${V31_CRITICAL},open,false,Billing DB; web01,`,
    );
    const json = await records.exportedJson(api, `q=${tag}&sort=title`);
    expect(json.map((v: { title: string }) => v.title)).toEqual([
      `=HYPERLINK("http://evil") ${tag}`,
      `${tag}, with "quotes"`,
    ]);
    expect(json[0].assets).toHaveLength(2);
  });
});

describe("live events", () => {
  test("every change is published on the vulnerabilities topic", async () => {
    const events = recordEvents(t.bus, "vulnerabilities");
    const v = await record();
    await api("analyst", `/${v.id}`, jsonInit({ version: 1, title: "Live" }, "PATCH"));
    await api("analyst", `/${v.id}/status`, jsonInit({ status: "mitigated" }));
    await api("admin", `/${v.id}`, { method: "DELETE" });
    await api("admin", `/${v.id}/restore`, jsonInit({}));
    const seen = events.stopExpecting("vulnerability", [
      "created",
      "updated",
      "updated",
      "deleted",
      "updated",
    ]);
    expect(seen.map((e) => e.data)).toEqual([1, 2, 3, 4, 5].map((version) => ({ id: v.id, version })));
  });
});
