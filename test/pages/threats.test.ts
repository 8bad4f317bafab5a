/**
 * The threat pages: the list (full and partial), the ATT&CK matrix coloured by alerts and
 * incidents with its period select, a technique's page with the alerts and incidents naming
 * it, the threat form (422 keeps what was typed, unknown techniques named), the threat page,
 * and the admins' import page (preview, apply, not a bundle).
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { ensureAttackCatalog } from "../../src/modules/threats/shipped-catalog.ts";
import { createTestApp, jsonInit, type TestApp } from "../helpers/app.ts";
import { formInit, HTMX_PARTIAL, ORIGIN } from "./helpers.ts";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await ensureAttackCatalog({ db: t.database.db });
});
afterAll(() => t.close());

const page = async (
  role: "admin" | "analyst" | "viewer",
  path: string,
  headers: Record<string, string> = {},
) => t.as(role, path, { headers });

async function raise(title: string, techniques: string[]) {
  const res = await t.as("analyst", "/api/v1/soc/alerts", jsonInit({ title, severity: "high", techniques }));
  expect(res.status).toBe(201);
  return res.json();
}

describe("/threats/matrix", () => {
  test("tactics as columns in matrix order, cells coloured and counted by alerts and incidents", async () => {
    await raise("Encoded PowerShell", ["T1059.001"]);
    await raise("Another PowerShell", ["T1059.001"]);
    await raise("Phishing link", ["T1566.002"]);
    const incident = await (
      await t.as("analyst", "/api/v1/incidents", jsonInit({ title: "Phishing wave", severity: "medium" }))
    ).json();
    const set = await t.as(
      "analyst",
      `/api/v1/incidents/${incident.id}/techniques`,
      jsonInit({ techniques: ["T1566"] }, "PUT"),
    );
    expect(await set.json()).toEqual({ before: [], after: ["T1566"], changed: true });

    const res = await page("viewer", "/threats/matrix?days=7");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("<title>ATT&amp;CK matrix · Warden</title>");
    expect(html.indexOf("Reconnaissance")).toBeLessThan(html.indexOf("Initial Access"));
    expect(html.indexOf("Initial Access")).toBeLessThan(html.indexOf("Impact"));
    // T1059 folds T1059.001's two alerts; T1566 its own incident plus a sub-technique's alert.
    expect(html).toMatch(/class="attack-cell heat-4" data-testid="cell-T1059" data-count="2"/);
    expect(html).toMatch(/class="attack-cell heat-4" data-testid="cell-T1566" data-count="2"/);
    expect(html).toMatch(/class="attack-cell heat-0" data-testid="cell-T1110" data-count="0"/);
    expect(html).toContain('href="/threats/techniques/T1059"');
    expect(html).toContain("MITRE ATT&amp;CK®");
    expect(html).toContain('<option value="7" selected');

    const partial = await (await page("viewer", "/threats/matrix?days=30", HTMX_PARTIAL)).text();
    expect(partial).not.toContain("<html");
    expect(partial).toContain('data-testid="attack-matrix"');
    // A bad period falls back to the default, the page still shows.
    expect((await page("viewer", "/threats/matrix?days=5")).status).toBe(200);
  });

  test("a technique's page lists the alerts and incidents naming it and its mitigations", async () => {
    const html = await (await page("viewer", "/threats/techniques/T1059.001")).text();
    expect(html).toContain("PowerShell");
    expect(html).toContain("Encoded PowerShell");
    expect(html).toContain("Another PowerShell");
    expect(html).toContain('data-testid="technique-mitigations"');
    expect(html).toContain("M1042");
    const parent = await (await page("viewer", "/threats/techniques/t1566")).text();
    expect(parent).toContain("Phishing wave");
    expect((await page("viewer", "/threats/techniques/T0000")).status).toBe(404);
  });
});

describe("/threats", () => {
  test("the form records a threat with techniques; a bad one keeps what was typed and names the unknown ids", async () => {
    const form = await (await page("analyst", "/threats/new")).text();
    expect(form).toContain('data-testid="threat-form"');
    expect((await page("viewer", "/threats/new")).status).toBe(403);

    const bad = await t.as(
      "analyst",
      "/threats",
      formInit({
        name: "Ransomware crew",
        category: "adversary",
        techniques: "T1486 T9999",
        description: "",
      }),
    );
    expect(bad.status).toBe(422);
    const badHtml = await bad.text();
    expect(badHtml).toContain("Unknown ATT&amp;CK technique: T9999.");
    expect(badHtml).toContain('value="Ransomware crew"');

    const ok = await t.as(
      "analyst",
      "/threats",
      formInit({
        name: "Ransomware crew",
        category: "adversary",
        techniques: "T1486, t1059.001",
        description: "**Loud**",
      }),
    );
    expect(ok.status).toBe(303);
    const location = ok.headers.get("Location") as string;
    const detail = await (await page("viewer", location)).text();
    expect(detail).toContain("Ransomware crew");
    expect(detail).toContain('href="/threats/techniques/T1486"');
    expect(detail).toContain("<strong>Loud</strong>");
    expect(detail).not.toContain('data-testid="edit-threat"');

    const list = await (await page("viewer", "/threats")).text();
    expect(list).toContain("Ransomware crew");
    expect(list).toContain("T1059.001 T1486");
    expect(list).not.toContain('data-testid="new-threat"');
    const partial = await (await page("viewer", "/threats", HTMX_PARTIAL)).text();
    expect(partial).not.toContain("<html");
    expect(partial).toContain("Ransomware crew");

    const id = location.split("/")[2]?.split("?")[0] as string;
    const edit = await t.as(
      "analyst",
      `/threats/${id}/edit`,
      formInit({
        name: "Ransomware crew",
        category: "malware",
        techniques: "T1486",
        description: "",
        version: "1",
      }),
    );
    expect(edit.status).toBe(303);
    const api = await (await t.as("viewer", `/api/v1/threats/${id}`)).json();
    expect(api.category).toBe("malware");
    expect(api.techniques.map((x: { attackId: string }) => x.attackId)).toEqual(["T1486"]);
    const stale = await t.as(
      "analyst",
      `/threats/${id}/edit`,
      formInit({ name: "Late", category: "malware", techniques: "", description: "", version: "1" }),
    );
    expect(stale.status).toBe(422);
  });

  test("admins list the deleted threats (full and partial) and restore one; others are refused", async () => {
    const threat = await (
      await t.as("analyst", "/api/v1/threats", jsonInit({ name: "Gone crew", category: "insider" }))
    ).json();
    const deleted = await t.as("admin", `/threats/${threat.id}/delete`, formInit({}));
    expect(deleted.status).toBe(303);
    expect(deleted.headers.get("Location")).toBe("/threats?notice=deleted");
    const current = await (await page("admin", "/threats")).text();
    expect(current).not.toContain("Gone crew");
    expect(current).toContain('href="/threats?deleted=only" data-testid="show-deleted"');
    expect(await (await page("analyst", "/threats")).text()).not.toContain("show-deleted");

    for (const headers of [{}, HTMX_PARTIAL]) {
      const res = await page("admin", "/threats?deleted=only", headers);
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain("Deleted threats");
      expect(html).toContain("Gone crew");
      expect(html).toContain(`action="/threats/${threat.id}/restore"`);
      expect(html).toContain('<a href="/threats">Back to the threats</a>');
    }
    expect((await page("analyst", "/threats?deleted=only")).status).toBe(403);
    expect((await t.as("analyst", `/threats/${threat.id}/restore`, formInit({}))).status).toBe(403);

    const restored = await t.as("admin", `/threats/${threat.id}/restore`, formInit({}));
    expect(restored.status).toBe(303);
    expect(restored.headers.get("Location")).toBe(`/threats/${threat.id}?notice=restored`);
    expect(await (await page("viewer", `/threats/${threat.id}?notice=restored`)).text()).toContain(
      "Threat restored.",
    );
    expect(await (await page("admin", "/threats?deleted=only")).text()).not.toContain("Gone crew");
  });
});

describe("/threats/import", () => {
  const upload = (content: string, name = "bundle.json") => {
    const body = new FormData();
    body.append("bundle", new File([content], name, { type: "application/json" }));
    return t.as("admin", "/threats/import", { method: "POST", headers: { Origin: ORIGIN }, body });
  };

  test("admins preview a bundle, then apply it; others are refused", async () => {
    expect((await page("analyst", "/threats/import")).status).toBe(403);
    expect(await (await page("admin", "/threats/import")).text()).toContain('name="bundle"');

    const bundle = {
      type: "bundle",
      id: "bundle--1",
      objects: [
        {
          type: "attack-pattern",
          id: "attack-pattern--00000000-0000-4000-8000-0000000000aa",
          name: "Page test technique",
          external_references: [{ source_name: "mitre-attack", external_id: "T1998" }],
          kill_chain_phases: [{ kill_chain_name: "mitre-attack", phase_name: "execution" }],
        },
        { type: "malware", id: "malware--1" },
      ],
    };
    const preview = await upload(JSON.stringify(bundle));
    expect(preview.status).toBe(200);
    const html = await preview.text();
    expect(html).toContain('data-testid="import-preview"');
    expect(html).toContain("T1998");
    expect(html).toContain("malware 1");
    const token = html.match(/name="token" value="([^"]+)"/)?.[1] as string;
    const applied = await t.as("admin", "/threats/import/apply", formInit({ token }));
    expect(applied.status).toBe(200);
    expect(await applied.text()).toContain('data-testid="import-applied"');
    expect((await t.as("viewer", "/api/v1/threats/techniques/T1998")).status).toBe(200);
    // A token serves once.
    expect((await t.as("admin", "/threats/import/apply", formInit({ token }))).status).toBe(409);
  });

  test("a file that is not a bundle or not JSON: 422 with the reason, nothing stored", async () => {
    const notBundle = await upload(JSON.stringify({ type: "report" }));
    expect(notBundle.status).toBe(422);
    expect(await notBundle.text()).toContain("not a STIX 2.1 bundle");
    const notJson = await upload("<xml/>", "x.xml");
    expect(notJson.status).toBe(422);
    expect(await notJson.text()).toContain("not JSON");
  });
});
