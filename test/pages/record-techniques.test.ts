/**
 * The techniques panel of the alert, incident and vulnerability pages (one shared view):
 * chips linking to each technique's page (a revoked one marked), the form for analysts and
 * up, its post (done: back to the record; unknown ids: 422 keeping what was typed, the panel
 * alone for htmx), and its refusals.
 */
import { beforeAll, describe, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { attackTechniques } from "../../src/modules/threats/attack-schema.ts";
import { ensureAttackCatalog } from "../../src/modules/threats/shipped-catalog.ts";
import { jsonInit, useTestApp } from "../helpers/app.ts";
import { formInit, HTMX_PARTIAL } from "./helpers.ts";

let alertId: string;
let incidentId: string;
let vulnerabilityId: string;
const t = useTestApp();
beforeAll(async () => {
  await ensureAttackCatalog({ db: t.database.db });
  // A technique MITRE revoked stays linked, marked.
  await t.database.db
    .update(attackTechniques)
    .set({ revoked: true })
    .where(eq(attackTechniques.attackId, "T1003.001"));
  const post = async (path: string, body: unknown) =>
    (await (await t.as("analyst", `/api/v1${path}`, jsonInit(body))).json()) as { id: string };
  alertId = (
    await post("/soc/alerts", { title: "Dump", severity: "high", techniques: ["T1003.001", "T1059"] })
  ).id;
  incidentId = (await post("/incidents", { title: "Dumped", severity: "high" })).id;
  vulnerabilityId = (await post("/vulnerabilities", { title: "Open SMB", severity: "medium" })).id;
});

const pages = () => [
  { kind: "alert", path: `/soc/${alertId}`, id: alertId },
  { kind: "incident", path: `/incidents/${incidentId}`, id: incidentId },
  { kind: "vulnerability", path: `/vulnerabilities/${vulnerabilityId}`, id: vulnerabilityId },
];

describe("the techniques panel", () => {
  test("the alert page shows chips linking to the techniques, the revoked one marked; the form only for analysts and up", async () => {
    const viewer = await (await t.as("viewer", `/soc/${alertId}`)).text();
    expect(viewer).toContain('data-testid="technique-chips"');
    expect(viewer).toMatch(/<a href="\/threats\/techniques\/T1059" class="technique-chip"/);
    expect(viewer).toMatch(
      /<a href="\/threats\/techniques\/T1003.001" class="technique-chip is-revoked"[^>]*>.*?<span class="badge is-danger">revoked<\/span>/s,
    );
    expect(viewer).not.toContain(`action="/threats/named/alert/${alertId}"`);
    const analyst = await (await t.as("analyst", `/soc/${alertId}`)).text();
    expect(analyst).toContain(`action="/threats/named/alert/${alertId}"`);
    expect(analyst).toContain('value="T1003.001 T1059"');
  });

  test("each kind's page renders it, full and partial; a post sets the techniques and returns to the record", async () => {
    for (const p of pages()) {
      for (const headers of [{}, HTMX_PARTIAL]) {
        const res = await t.as("analyst", p.path, { headers });
        expect({ path: p.path, status: res.status }).toEqual({ path: p.path, status: 200 });
        expect(await res.text()).toContain(`action="/threats/named/${p.kind}/${p.id}"`);
      }
      const done = await t.as(
        "analyst",
        `/threats/named/${p.kind}/${p.id}`,
        formInit({ techniques: "t1566, T1021" }),
      );
      expect(done.status).toBe(303);
      expect(done.headers.get("Location")).toBe(p.path);
      const html = await (await t.as("viewer", p.path)).text();
      expect(html).toContain('href="/threats/techniques/T1566"');
      expect(html).toContain('href="/threats/techniques/T1021"');
    }
    const api = await (await t.as("viewer", `/api/v1/soc/alerts/${alertId}`)).json();
    expect(api.techniques.map((x: { attackId: string }) => x.attackId)).toEqual(["T1021", "T1566"]);
  });

  test("unknown ids: 422 naming them, what was typed kept; htmx gets the panel alone", async () => {
    const action = `/threats/named/incident/${incidentId}`;
    const full = await t.as("analyst", action, formInit({ techniques: "T1566 T4040" }));
    expect(full.status).toBe(422);
    const html = await full.text();
    expect(html).toContain("Unknown ATT&amp;CK technique: T4040.");
    expect(html).toContain('value="T1566 T4040"');
    expect(html).toContain(`href="/incidents/${incidentId}"`);
    const partial = await t.as(
      "analyst",
      action,
      formInit({ techniques: "T4040" }, { "HX-Request": "true" }),
    );
    expect(partial.status).toBe(422);
    const fragment = await partial.text();
    expect(fragment.startsWith('<section class="panel" id="record-techniques"')).toBe(true);
    expect(fragment).toContain('aria-invalid="true"');
  });

  test("the form posts the version shown; the record changed since: 409 saying so, what was typed kept, nothing written", async () => {
    const incident = (await (
      await t.as("analyst", "/api/v1/incidents", jsonInit({ title: "Shared", severity: "low" }))
    ).json()) as {
      id: string;
      version: number;
    };
    const page = await (await t.as("analyst", `/incidents/${incident.id}`)).text();
    expect(page).toContain(`<input type="hidden" name="version" value="${incident.version}"/>`);
    // Another analyst changes the set after the page was shown.
    const other = await t.as(
      "analyst",
      `/api/v1/incidents/${incident.id}/techniques`,
      jsonInit({ techniques: ["T1078"], version: incident.version }, "PUT"),
    );
    expect(other.status).toBe(200);
    const action = `/threats/named/incident/${incident.id}`;
    const posted = { techniques: "T1566", version: String(incident.version) };
    const full = await t.as("analyst", action, formInit(posted));
    expect(full.status).toBe(409);
    const html = await full.text();
    expect(html).toContain('data-testid="techniques-conflict"');
    expect(html).toContain(
      `The incident was changed by someone else (now version ${incident.version + 1}, you sent ${incident.version}).`,
    );
    expect(html).toContain('value="T1566"');
    const partial = await t.as("analyst", action, formInit(posted, { "HX-Request": "true" }));
    expect(partial.status).toBe(409);
    const fragment = await partial.text();
    expect(fragment.startsWith('<section class="panel" id="record-techniques"')).toBe(true);
    expect(fragment).toContain('data-testid="techniques-conflict"');
    const api = await (await t.as("viewer", `/api/v1/incidents/${incident.id}`)).json();
    expect(api.techniques.map((x: { attackId: string }) => x.attackId)).toEqual(["T1078"]);
  });

  test("refusals: a viewer 403, an unknown kind or record 404", async () => {
    expect(
      (await t.as("viewer", `/threats/named/alert/${alertId}`, formInit({ techniques: "" }))).status,
    ).toBe(403);
    expect(
      (await t.as("analyst", `/threats/named/risk/${alertId}`, formInit({ techniques: "" }))).status,
    ).toBe(404);
    expect(
      (await t.as("analyst", "/threats/named/alert/none", formInit({ techniques: "T1566" }))).status,
    ).toBe(404);
  });
});
