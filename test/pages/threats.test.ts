/**
 * The threat pages: the list (full and partial), the ATT&CK matrix coloured by alerts and
 * incidents with its period select, a technique's page with the alerts and incidents naming
 * it, the threat form (422 keeps what was typed, unknown techniques named; 409 on a stale
 * version), the list's live rows and pages by cursor, the threat page, and the admins'
 * import page (preview, apply, not a bundle).
 */
import { beforeAll, describe, expect, test } from "bun:test";
import { ensureAttackCatalog } from "../../src/modules/threats/shipped-catalog.ts";
import { textWithStatus, withStatus } from "../helpers/answers.ts";
import { jsonInit, useTestApp } from "../helpers/app.ts";
import { expectContains } from "../helpers/expect-text.ts";
import { expectStaleEdit, formInit, HTMX_PARTIAL, ORIGIN, postForm } from "./helpers.ts";

const t = useTestApp();
beforeAll(async () => {
  await ensureAttackCatalog({ db: t.database.db });
});

const page = async (
  role: "admin" | "analyst" | "viewer",
  path: string,
  headers: Record<string, string> = {},
) => t.as(role, path, { headers });

async function raise(title: string, techniques: string[]) {
  const res = await withStatus(
    t.as("analyst", "/api/v1/soc/alerts", jsonInit({ title, severity: "high", techniques })),
    201,
  );
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
    expect(await set.json()).toEqual({ before: [], after: ["T1566"], changed: true, version: 2 });

    const html = await textWithStatus(page("viewer", "/threats/matrix?days=7"), 200);
    expect(html).toContain("<title>ATT&amp;CK matrix · Warden</title>");
    expect(html.indexOf("Reconnaissance")).toBeLessThan(html.indexOf("Initial Access"));
    expect(html.indexOf("Initial Access")).toBeLessThan(html.indexOf("Impact"));
    // T1059 folds T1059.001's two alerts; T1566 its own incident plus a sub-technique's alert.
    expect(html).toMatch(/class="attack-cell heat-4" data-testid="cell-T1059" data-count="2"/);
    expect(html).toMatch(/class="attack-cell heat-4" data-testid="cell-T1566" data-count="2"/);
    expect(html).toMatch(/class="attack-cell heat-0" data-testid="cell-T1110" data-count="0"/);
    expectContains(html, [
      'href="/threats/techniques/T1059"',
      "MITRE ATT&amp;CK®",
      '<option value="7" selected',
    ]);

    const partial = await (await page("viewer", "/threats/matrix?days=30", HTMX_PARTIAL)).text();
    expect(partial).not.toContain("<html");
    expect(partial).toContain('data-testid="attack-matrix"');
    // A bad period falls back to the default, the page still shows.
    expect((await page("viewer", "/threats/matrix?days=5")).status).toBe(200);
  });

  test("a technique's page lists the alerts and incidents naming it and its mitigations", async () => {
    const html = await (await page("viewer", "/threats/techniques/T1059.001")).text();
    expectContains(html, [
      "PowerShell",
      "Encoded PowerShell",
      "Another PowerShell",
      'data-testid="technique-mitigations"',
      "M1042",
    ]);
    const parent = await (await page("viewer", "/threats/techniques/t1566")).text();
    expect(parent).toContain("Phishing wave");
    expect((await page("viewer", "/threats/techniques/T0000")).status).toBe(404);
  });
});

describe("a technique's page lists the risks and vulnerabilities naming it", () => {
  test("live ones link to their pages; a deleted risk is left out", async () => {
    const risk = async (title: string) =>
      (
        await withStatus(
          t.as(
            "analyst",
            "/api/v1/risks",
            jsonInit({
              title,
              owner: t.users.analyst.id,
              category: "technical",
              inherentLikelihood: 3,
              inherentImpact: 4,
              techniques: ["T1486"],
            }),
          ),
          201,
        )
      ).json();
    const kept = await risk("Backups encrypted with the servers");
    const gone = await risk("Ransom note on the print server");
    await withStatus(t.as("admin", `/api/v1/risks/${gone.id}`, { method: "DELETE" }), 204);
    const vulnerability = await (
      await withStatus(
        t.as(
          "analyst",
          "/api/v1/vulnerabilities",
          jsonInit({ title: "Backup share writable by everyone", severity: "high" }),
        ),
        201,
      )
    ).json();
    await withStatus(
      t.as(
        "analyst",
        `/api/v1/vulnerabilities/${vulnerability.id}/techniques`,
        jsonInit({ techniques: ["T1486"] }, "PUT"),
      ),
      200,
    );
    const html = await textWithStatus(page("viewer", "/threats/techniques/T1486"), 200);
    expectContains(html, [
      'data-testid="technique-risks"',
      `href="/risks/${kept.id}"`,
      "Backups encrypted with the servers",
      'data-testid="technique-vulnerabilities"',
      `href="/vulnerabilities/${vulnerability.id}"`,
    ]);
    expect(html).not.toContain(gone.id);
  });
});

describe("/threats", () => {
  test("the form records a threat with techniques; a bad one keeps what was typed and names the unknown ids", async () => {
    const form = await (await page("analyst", "/threats/new")).text();
    expect(form).toContain('data-testid="threat-form"');
    expect((await page("viewer", "/threats/new")).status).toBe(403);

    const crew = { name: "Ransomware crew", category: "adversary" };
    const badHtml = await textWithStatus(
      postForm(t, "analyst", "/threats", { ...crew, techniques: "T1486 T9999", description: "" }),
      422,
    );
    expectContains(badHtml, ["Unknown ATT&amp;CK technique: T9999.", 'value="Ransomware crew"']);

    const ok = await withStatus(
      postForm(t, "analyst", "/threats", {
        ...crew,
        techniques: "T1486, t1059.001",
        description: "**Loud**",
      }),
      303,
    );
    const location = ok.headers.get("Location") as string;
    const detail = await (await page("viewer", location)).text();
    expectContains(detail, ["Ransomware crew", 'href="/threats/techniques/T1486"', "<strong>Loud</strong>"]);
    expect(detail).not.toContain('data-testid="edit-threat"');

    const list = await (await page("viewer", "/threats")).text();
    expectContains(list, ["Ransomware crew", "T1059.001 T1486"]);
    expect(list).not.toContain('data-testid="new-threat"');
    const partial = await (await page("viewer", "/threats", HTMX_PARTIAL)).text();
    expect(partial).not.toContain("<html");
    expect(partial).toContain("Ransomware crew");

    const id = location.split("/")[2]?.split("?")[0] as string;
    const edit = (fields: Record<string, string>) =>
      postForm(t, "analyst", `/threats/${id}/edit`, {
        category: "malware",
        description: "",
        version: "1",
        ...fields,
      });
    await withStatus(edit({ name: "Ransomware crew", techniques: "T1486" }), 303);
    const api = await (await t.as("viewer", `/api/v1/threats/${id}`)).json();
    expect(api.category).toBe("malware");
    expect(api.techniques.map((x: { attackId: string }) => x.attackId)).toEqual(["T1486"]);
    // An edit against an old version: 409, as typed, saying why (like every record form).
    await expectStaleEdit(edit({ name: "Late", techniques: "" }), "Late");
  });

  test("the list pages by cursor with its filters; its rows refresh for htmx at /threats/rows", async () => {
    for (const name of ["Paged crew 1", "Paged crew 2", "Paged crew 3"])
      await withStatus(t.as("analyst", "/api/v1/threats", jsonInit({ name, category: "fraud" })), 201);
    const first = await textWithStatus(
      page("viewer", "/threats?q=Paged+crew&category=fraud&pageSize=2"),
      200,
    );
    expectContains(first, ["Paged crew 1", "Paged crew 2", 'rel="next"', "format=csv"]);
    expect(first).not.toContain("Paged crew 3");
    const next = /href="([^"]*)" rel="next"/.exec(first)?.[1]?.replaceAll("&amp;", "&") ?? "";
    const params = new URL(next, ORIGIN).searchParams;
    expect([params.get("q"), params.get("category"), params.has("cursor")]).toEqual([
      "Paged crew",
      "fraud",
      true,
    ]);
    const second = await textWithStatus(page("viewer", next), 200);
    expectContains(second, ["Paged crew 3", 'rel="prev"']);
    expect(second).not.toContain("Paged crew 1");

    const rows = await page("viewer", "/threats/rows?q=Paged+crew&category=insider", {
      "HX-Request": "true",
    });
    expect(rows.headers.get("HX-Replace-Url")).toBe("/threats?q=Paged+crew&category=insider");
    const fragment = await rows.text();
    expect(fragment).toContain("No threat matches these filters.");
    expect(fragment).not.toContain("<table");
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
    const preview = await withStatus(upload(JSON.stringify(bundle)), 200);
    const html = await preview.text();
    expectContains(html, ['data-testid="import-preview"', "T1998", "malware 1"]);
    const token = html.match(/name="token" value="([^"]+)"/)?.[1] as string;
    expect(await textWithStatus(postForm(t, "admin", "/threats/import/apply", { token }), 200)).toContain(
      'data-testid="import-applied"',
    );
    expect((await t.as("viewer", "/api/v1/threats/techniques/T1998")).status).toBe(200);
    // A token serves once.
    expect((await postForm(t, "admin", "/threats/import/apply", { token })).status).toBe(409);
  });

  test("a file that is not a bundle or not JSON: 422 with the reason, nothing stored", async () => {
    expect(await textWithStatus(upload(JSON.stringify({ type: "report" })), 422)).toContain(
      "not a STIX 2.1 bundle",
    );
    expect(await textWithStatus(upload("<xml/>", "x.xml"), 422)).toContain("not JSON");
  });
});
