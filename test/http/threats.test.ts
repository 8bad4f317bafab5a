/**
 * The threat catalog's API besides the import (test/http/threats-import.test.ts): the
 * organisation's threats as a record kind, techniques named by alerts (raised or set) and
 * incidents, and the matrix counting them by period.
 */
import { beforeAll, describe, expect, test } from "bun:test";
import type { Role } from "../../src/db/schema/users.ts";
import { ensureAttackCatalog } from "../../src/modules/threats/shipped-catalog.ts";
import { createdAs, jsonInit, useTestApp } from "../helpers/app.ts";

const t = useTestApp();
beforeAll(async () => {
  await ensureAttackCatalog({ db: t.database.db });
});

type Cell = { attackId: string; count: number; alerts: number; incidents: number; level: number };
async function cell(attackId: string, days = "30"): Promise<Cell | undefined> {
  const matrix = await (await t.as("viewer", `/api/v1/threats/matrix?days=${days}`)).json();
  return matrix.columns.flatMap((c: { cells: Cell[] }) => c.cells).find((c: Cell) => c.attackId === attackId);
}

/** A record the analyst creates through the API at `path` (below /api/v1): 201, its JSON. */
async function created(path: string, body: object) {
  return createdAs(t, "analyst", `/api/v1${path}`, body);
}

/** `role` sets the techniques the record at `record` (its API path) names. */
const putTechniques = (record: string, techniques: string[], role: Role = "analyst") =>
  t.as(role, `${record}/techniques`, jsonInit({ techniques }, "PUT"));

describe("threats (records)", () => {
  test("create, read, edit against a version, delete and restore; unknown techniques are a 422 naming them", async () => {
    const bad = await t.as(
      "analyst",
      "/api/v1/threats",
      jsonInit({ name: "Crew", category: "adversary", techniques: ["T1486", "T0001", "X"] }),
    );
    expect(bad.status).toBe(422);
    expect((await bad.json()).errors).toEqual([
      { field: "techniques", message: "Unknown ATT&CK techniques: T0001, X." },
    ]);
    const badCategory = await t.as(
      "analyst",
      "/api/v1/threats",
      jsonInit({ name: "Crew", category: "aliens" }),
    );
    expect(badCategory.status).toBe(422);

    const created = await t.as(
      "analyst",
      "/api/v1/threats",
      jsonInit({ name: "Crew", category: "adversary", techniques: ["t1486", "T1486", "T1059.001"] }),
    );
    expect(created.status).toBe(201);
    const threat = await created.json();
    expect(threat.techniques.map((x: { attackId: string }) => x.attackId)).toEqual(["T1059.001", "T1486"]);
    expect(threat.version).toBe(1);

    const patched = await t.as(
      "analyst",
      `/api/v1/threats/${threat.id}`,
      jsonInit({ version: 1, techniques: ["T1566"] }, "PATCH"),
    );
    expect(patched.status).toBe(200);
    expect((await patched.json()).techniques.map((x: { attackId: string }) => x.attackId)).toEqual(["T1566"]);
    const stale = await t.as(
      "analyst",
      `/api/v1/threats/${threat.id}`,
      jsonInit({ version: 1, name: "x" }, "PATCH"),
    );
    expect(stale.status).toBe(409);

    const list = await (await t.as("viewer", "/api/v1/threats?q=crew")).json();
    expect(list.total).toBe(1);
    const csv = await (await t.as("viewer", "/api/v1/threats/export?format=csv")).text();
    expect(csv).toContain("T1566");

    expect((await t.as("analyst", `/api/v1/threats/${threat.id}`, { method: "DELETE" })).status).toBe(403);
    expect((await t.as("admin", `/api/v1/threats/${threat.id}`, { method: "DELETE" })).status).toBe(204);
    expect((await t.as("viewer", `/api/v1/threats/${threat.id}`)).status).toBe(404);
    expect((await t.as("admin", `/api/v1/threats/${threat.id}/restore`, jsonInit({}))).status).toBe(200);
    expect((await t.as("viewer", `/api/v1/threats/${threat.id}`)).status).toBe(200);
  });
});

describe("techniques on alerts and incidents", () => {
  test("an alert raised with techniques names them; unknown ids are a 422 naming them and raise nothing", async () => {
    const before = (await (await t.as("viewer", "/api/v1/soc/alerts")).json()).total;
    const bad = await t.as(
      "analyst",
      "/api/v1/soc/alerts",
      jsonInit({ title: "Bad", severity: "low", techniques: ["T1059.001", "T4242"] }),
    );
    expect(bad.status).toBe(422);
    expect(JSON.stringify(await bad.json())).toContain("Unknown ATT&CK technique: T4242.");
    expect((await (await t.as("viewer", "/api/v1/soc/alerts")).json()).total).toBe(before);

    const raised = await t.as(
      "analyst",
      "/api/v1/soc/alerts",
      jsonInit({ title: "Brute force", severity: "medium", techniques: ["T1110.001"], dedupKey: "bf" }),
    );
    expect(raised.status).toBe(201);
    const alert = await raised.json();
    // Raised again under the open key: the same alert, its techniques grow.
    const again = await t.as(
      "analyst",
      "/api/v1/soc/alerts",
      jsonInit({ title: "Brute force", severity: "medium", techniques: ["T1110.003"], dedupKey: "bf" }),
    );
    expect(again.status).toBe(200);
    const put = await putTechniques(`/api/v1/soc/alerts/${alert.id}`, ["T1110.001"]);
    expect(await put.json()).toEqual({
      before: ["T1110.001", "T1110.003"],
      after: ["T1110.001"],
      changed: true,
      version: 2,
    });
    const same = await putTechniques(`/api/v1/soc/alerts/${alert.id}`, ["T1110.001"]);
    expect((await same.json()).changed).toBe(false);
    const unknown = await putTechniques(`/api/v1/soc/alerts/${alert.id}`, ["T0000"]);
    expect(unknown.status).toBe(422);
    expect((await putTechniques(`/api/v1/soc/alerts/${alert.id}`, [], "viewer")).status).toBe(403);

    const brute = await cell("T1110");
    expect(brute).toMatchObject({ count: 1, alerts: 1, incidents: 0, level: 4 });
    const named = await (await t.as("viewer", "/api/v1/threats/techniques/T1110.001")).json();
    expect(named.namedBy.alerts.map((a: { id: string }) => a.id)).toEqual([alert.id]);
  });

  test("the matrix counts incidents by when they were detected, within the period chosen", async () => {
    const old = Date.now() - 20 * 86_400_000;
    const incident = await created("/incidents", { title: "Old", severity: "low", detectedAt: old });
    const put = await putTechniques(`/api/v1/incidents/${incident.id}`, ["T1486"]);
    expect(put.status).toBe(200);
    expect(await cell("T1486", "30")).toMatchObject({ count: 1, incidents: 1 });
    expect(await cell("T1486", "7")).toMatchObject({ count: 0, level: 0 });
    expect((await t.as("viewer", "/api/v1/threats/matrix?days=5")).status).toBe(422);
    expect((await putTechniques("/api/v1/incidents/none", [])).status).toBe(404);
  });

  test("a deleted alert or incident no longer counts in the matrix; restored, it counts again", async () => {
    const alert = await created("/soc/alerts", { title: "Wipe", severity: "high", techniques: ["T1485"] });
    const incident = await created("/incidents", { title: "Wiped", severity: "high" });
    await putTechniques(`/api/v1/incidents/${incident.id}`, ["T1485"]);
    expect(await cell("T1485")).toMatchObject({ count: 2, alerts: 1, incidents: 1 });
    expect((await t.as("admin", `/api/v1/soc/alerts/${alert.id}`, { method: "DELETE" })).status).toBe(204);
    expect((await t.as("admin", `/api/v1/incidents/${incident.id}`, { method: "DELETE" })).status).toBe(204);
    expect(await cell("T1485")).toMatchObject({ count: 0, alerts: 0, incidents: 0, level: 0 });
    expect((await t.as("admin", `/api/v1/soc/alerts/${alert.id}/restore`, { method: "POST" })).status).toBe(
      200,
    );
    expect(await cell("T1485")).toMatchObject({ count: 1, alerts: 1, incidents: 0 });
  });

  test("a record naming a technique and its sub-techniques counts once on the parent's cell", async () => {
    await created("/soc/alerts", {
      title: "Script",
      severity: "low",
      techniques: ["T1059", "T1059.001", "T1059.003"],
    });
    const incident = await created("/incidents", { title: "Scripted", severity: "low" });
    await putTechniques(`/api/v1/incidents/${incident.id}`, ["T1059.001", "T1059.003"]);
    const scripting = (await cell("T1059")) as Cell & {
      subtechniques: { attackId: string; count: number }[];
    };
    expect(scripting).toMatchObject({ count: 2, alerts: 1, incidents: 1 });
    expect(scripting.subtechniques.find((s) => s.attackId === "T1059.001")?.count).toBe(2);
  });
});

describe("techniques on vulnerabilities", () => {
  test("PUT sets them (422 naming unknown ids, 403 for viewers, 404 for none); GET shows them; the matrix does not count them", async () => {
    const vuln = await created("/vulnerabilities", { title: "Exposed RDP", severity: "high" });
    const path = `/api/v1/vulnerabilities/${vuln.id}/techniques`;
    const unknown = await t.as("analyst", path, jsonInit({ techniques: ["T1133", "T9998"] }, "PUT"));
    expect(unknown.status).toBe(422);
    expect((await unknown.json()).errors).toEqual([
      { field: "techniques", message: "Unknown ATT&CK technique: T9998." },
    ]);
    expect((await t.as("viewer", path, jsonInit({ techniques: [] }, "PUT"))).status).toBe(403);
    const before = await cell("T1133");
    const put = await t.as("analyst", path, jsonInit({ techniques: ["t1133", "T1021.001"] }, "PUT"));
    expect(await put.json()).toEqual({
      before: [],
      after: ["T1021.001", "T1133"],
      changed: true,
      version: 2,
    });
    const shown = await (await t.as("viewer", `/api/v1/vulnerabilities/${vuln.id}`)).json();
    expect(shown.techniques.map((x: { attackId: string }) => x.attackId)).toEqual(["T1021.001", "T1133"]);
    expect(await cell("T1133")).toEqual(before);
    expect((await putTechniques("/api/v1/vulnerabilities/none", [])).status).toBe(404);
  });

  test("GET of an alert and of an incident shows the techniques they name", async () => {
    const alert = await created("/soc/alerts", { title: "Phish", severity: "low", techniques: ["T1566"] });
    const got = await (await t.as("viewer", `/api/v1/soc/alerts/${alert.id}`)).json();
    expect(got.techniques).toEqual([{ attackId: "T1566", name: "Phishing", revoked: false }]);
    const incident = await created("/incidents", { title: "Phished", severity: "low" });
    expect((await (await t.as("viewer", `/api/v1/incidents/${incident.id}`)).json()).techniques).toEqual([]);
  });
});

describe("technique sets against the record's version", () => {
  /** The incident's techniques (by ATT&CK id) and version, as a viewer reads them. */
  async function incidentNow(id: string) {
    const got = await (await t.as("viewer", `/api/v1/incidents/${id}`)).json();
    return { version: got.version, techniques: got.techniques.map((x: { attackId: string }) => x.attackId) };
  }

  test("a stale version (field or If-Match) is a 409 naming the current one, nothing written; none applies to the set named now", async () => {
    const incident = await created("/incidents", { title: "Two analysts", severity: "medium" });
    const path = `/api/v1/incidents/${incident.id}/techniques`;
    const first = await t.as(
      "analyst",
      path,
      jsonInit({ techniques: ["T1059", "T1078"], version: 1 }, "PUT"),
    );
    expect(first.status).toBe(200);
    expect(first.headers.get("ETag")).toBe('"2"');
    expect(await first.json()).toEqual({ before: [], after: ["T1059", "T1078"], changed: true, version: 2 });

    // The second analyst read version 1: refused, whether sent in the body or as If-Match.
    const stale = await t.as("analyst", path, jsonInit({ techniques: ["T1566"], version: 1 }, "PUT"));
    expect(stale.status).toBe(409);
    expect((await stale.json()).detail).toContain("now version 2, you sent 1");
    const staleHeader = await t.as(
      "analyst",
      path,
      jsonInit({ techniques: ["T1566"] }, "PUT", { "If-Match": '"1"' }),
    );
    expect(staleHeader.status).toBe(409);
    expect(await incidentNow(incident.id)).toEqual({ version: 2, techniques: ["T1059", "T1078"] });
    const audited = await (
      await t.as("admin", `/api/v1/audit?action=incident.techniques&resourceId=${incident.id}`)
    ).json();
    expect(audited.items).toHaveLength(1);

    // The current version by If-Match applies; without one the set replaces the one named now.
    const current = await t.as(
      "analyst",
      path,
      jsonInit({ techniques: ["T1059"] }, "PUT", { "If-Match": '"2"' }),
    );
    expect(await current.json()).toMatchObject({ after: ["T1059"], changed: true, version: 3 });
    const versionless = await t.as("analyst", path, jsonInit({ techniques: ["T1059", "T1566"] }, "PUT"));
    expect(versionless.status).toBe(200);
    expect(await versionless.json()).toMatchObject({ after: ["T1059", "T1566"], changed: true, version: 4 });
    expect(await incidentNow(incident.id)).toEqual({ version: 4, techniques: ["T1059", "T1566"] });
  });

  test("the record's version grows when the set changes, not when it stays; an edit against the version before is a 409", async () => {
    const incident = await created("/incidents", { title: "Edited meanwhile", severity: "low" });
    const read = await incidentNow(incident.id);
    const path = `/api/v1/incidents/${incident.id}/techniques`;
    const put = await t.as(
      "analyst",
      path,
      jsonInit({ techniques: ["T1110"], version: read.version }, "PUT"),
    );
    expect((await put.json()).version).toBe(read.version + 1);
    const same = await t.as(
      "analyst",
      path,
      jsonInit({ techniques: ["T1110"], version: read.version + 1 }, "PUT"),
    );
    expect(await same.json()).toEqual({
      before: ["T1110"],
      after: ["T1110"],
      changed: false,
      version: read.version + 1,
    });
    expect((await incidentNow(incident.id)).version).toBe(read.version + 1);

    const patch = await t.as(
      "analyst",
      `/api/v1/incidents/${incident.id}`,
      jsonInit({ title: "Overwritten?", version: read.version }, "PATCH"),
    );
    expect(patch.status).toBe(409);
    const now = await (await t.as("viewer", `/api/v1/incidents/${incident.id}`)).json();
    expect(now.title).toBe("Edited meanwhile");
    expect(now.updatedAt).toBeGreaterThanOrEqual(incident.updatedAt);
  });

  test("alerts and vulnerabilities: a stale version is a 409, the current one moves theirs on", async () => {
    for (const [collection, body] of [
      ["/soc/alerts", { title: "Stale alert", severity: "low" }],
      ["/vulnerabilities", { title: "Stale vuln", severity: "low" }],
    ] as const) {
      const record = await created(collection, body);
      const path = `/api/v1${collection}/${record.id}/techniques`;
      const stale = await t.as(
        "analyst",
        path,
        jsonInit({ techniques: ["T1566"], version: record.version + 1 }, "PUT"),
      );
      expect({ collection, status: stale.status }).toEqual({ collection, status: 409 });
      const done = await t.as(
        "analyst",
        path,
        jsonInit({ techniques: ["T1566"], version: record.version }, "PUT"),
      );
      expect((await done.json()).version).toBe(record.version + 1);
      const got = await (await t.as("viewer", `/api/v1${collection}/${record.id}`)).json();
      expect(got.version).toBe(record.version + 1);
    }
  });
});
