/**
 * The vulnerability pages: list (full and partial, filters in the URL, live rows fragment,
 * overdue marker), the form (422 keeps what was typed and says what is wrong with the
 * CVSS vector; 409 when someone else was first), the vulnerability page (rating, SLA,
 * assets, status moves), the import page (preview with per-row problems, nothing imported
 * until every row is right, uploads), delete/restore.
 */
import { beforeAll, describe, expect, test } from "bun:test";
import { textWithStatus, withStatus } from "../helpers/answers.ts";
import { createdAs, useTestApp } from "../helpers/app.ts";
import { expectContains, expectLacks } from "../helpers/expect-text.ts";
import {
  createFromForm,
  expectPagesDeleteRestore,
  expectStaleEdit,
  expectStaleMove,
  formInit,
  mainOf,
  ORIGIN,
  partialOf,
  postForm,
  postMove,
  refusedForm,
  refusedMove,
} from "./helpers.ts";

let web: { id: string };
const t = useTestApp();
beforeAll(async () => {
  web = await createdAs(t, "analyst", "/api/v1/cmdb/assets", {
    name: "web01",
    assetType: "server",
    hostname: "web01.example.com",
  });
});

const DAY = 86_400_000;
const V31 = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H";

async function record(title: string, fields: Record<string, unknown> = {}) {
  return createdAs(t, "analyst", "/api/v1/vulnerabilities", { title, severity: "high", ...fields });
}

const count = async () =>
  (await (await t.as("viewer", "/api/v1/vulnerabilities?pageSize=1")).json()).total as number;

/** A multipart post from our own origin, as a browser sends a form with a file. */
function multipartInit(fields: Record<string, string | File>): RequestInit {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.append(name, value);
  return { method: "POST", headers: { Origin: ORIGIN }, body };
}

describe("/vulnerabilities", () => {
  test("the list: rows with score, severity and an overdue marker, sortable headers, export and live refresh; actions for analysts only", async () => {
    await record("Page list overdue", {
      cvssVector: V31,
      severity: null,
      discoveredAt: Date.now() - 9 * DAY,
      cveId: "CVE-2033-0001",
    });
    const html = await (await t.as("analyst", "/vulnerabilities")).text();
    expectContains(html, ["<title>Vulnerabilities · Warden</title>", "Page list overdue", "CVE-2033-0001"]);
    expect(html).toMatch(/<span class="vuln-score num sev-text-critical">9\.8<\/span>/);
    expectContains(html, [
      'data-testid="overdue"',
      'data-testid="overdue-count"',
      'href="/vulnerabilities?sort=title"',
      'href="/vulnerabilities?sort=-score"',
      'href="/api/v1/vulnerabilities/export?format=csv"',
      'data-live-topic="vulnerabilities"',
    ]);
    expect(html).toContain(
      'data-live-events="vulnerability.created vulnerability.updated vulnerability.deleted vulnerability.imported"',
    );
    expectContains(html, [
      "vulnerabilities-changed from:body",
      'data-testid="new-vulnerability"',
      'data-testid="import-vulnerabilities"',
    ]);
    const viewer = await (await t.as("viewer", "/vulnerabilities")).text();
    expectLacks(viewer, ['data-testid="new-vulnerability"', 'data-testid="import-vulnerabilities"']);
    expect(await partialOf(t, "viewer", "/vulnerabilities", "Vulnerabilities")).toContain(
      "Page list overdue",
    );
  });

  test("filters come from the URL (overdue and asset included); a bad one is named beside its field; rows fragment for htmx", async () => {
    await record("Filter me please", { severity: "low", assetIds: [web.id] });
    const html = mainOf(
      await (await t.as("viewer", `/vulnerabilities?q=Filter+me&assetId=${web.id}&severity=bogus`)).text(),
    );
    expectContains(html, [
      "Filter me please",
      'aria-invalid="true"',
      `<option value="${web.id}" selected="">web01</option>`,
    ]);
    const rows = await t.as("viewer", "/vulnerabilities/rows?q=Filter+me&overdue=true", {
      headers: { "HX-Request": "true" },
    });
    expect(rows.headers.get("HX-Replace-Url")).toBe("/vulnerabilities?q=Filter+me&overdue=true");
    expect(await rows.text()).toContain("No vulnerability matches these filters.");
    await withStatus(t.as("viewer", "/vulnerabilities/rows?q=x"), 303);
  });
});

describe("the form", () => {
  test("422 shows each problem (the CVSS vector's too) and keeps what was typed; a good post leads to the vulnerability", async () => {
    await refusedForm(
      t,
      "/vulnerabilities",
      {
        title: "",
        cveId: "CVE-XYZ",
        cvssVector: "CVSS:3.1/AV:N/AC:L",
        severity: "",
        status: "open",
        discoveredAt: "2026-02-30T10:00",
        assetIds: web.id,
        description: "kept **text**",
      },
      [
        "Enter a title.",
        "Enter a CVE id such as CVE-2024-3094",
        "Missing base metrics: PR, UI, S, C, I and A.",
        "Enter a date and time.",
        'value="CVE-XYZ"',
        'value="CVSS:3.1/AV:N/AC:L"',
        "kept **text**",
        `<option value="${web.id}" selected="">web01</option>`,
      ],
    );
    const { page } = await createFromForm(t, "/vulnerabilities", {
      title: "From the form",
      cveId: "cve-2033-0100",
      cvssVector: V31,
      severity: "",
      status: "in_progress",
      discoveredAt: "2026-01-10T08:00",
      assetIds: web.id,
      description: "# Heading\n<script>alert(1)</script>",
    });
    expectContains(page, [
      "Vulnerability recorded.",
      "CVE-2033-0100",
      `data-testid="vulnerability-vector">${V31}</dd>`,
      "CVSS 3.1",
    ]);
    expect(page).toMatch(/sev-text-critical">9\.8</);
    expect(page).toContain("<h1>Heading</h1>");
    expect(page).not.toContain("<script>alert(1)</script>");
    expectContains(page, [`<a href="/cmdb/${web.id}">web01</a>`, 'data-testid="overdue"']);
    expect((await postForm(t, "viewer", "/vulnerabilities", { title: "x", severity: "low" })).status).toBe(
      403,
    );
    expect((await t.as("viewer", "/vulnerabilities/new")).status).toBe(403);
  });

  test("editing: severity follows the vector; an untouched time keeps the due date; an old version keeps the typed values (409)", async () => {
    const v = await record("Edit race", {
      cvssVector: V31,
      severity: null,
      discoveredAt: Date.now() - 3 * DAY - 12_345,
    });
    const form = await (await t.as("manager", `/vulnerabilities/${v.id}/edit`)).text();
    expect(form).toContain('name="version" value="1"');
    expect(form).toMatch(/<option value="" selected="">From the CVSS vector<\/option>/);
    const fields = (over: Record<string, string>) => {
      const discovered =
        /name="discoveredAt" type="datetime-local" class="input" value="([^"]+)"/.exec(form)?.[1] ?? "";
      return formInit({
        version: "1",
        title: "Edit race",
        cveId: "",
        cvssVector: V31,
        severity: "",
        discoveredAt: discovered,
        description: "",
        ...over,
      });
    };
    await withStatus(
      t.as("manager", `/vulnerabilities/${v.id}/edit`, fields({ title: "Renamed here" })),
      303,
    );
    const after = await (await t.as("viewer", `/api/v1/vulnerabilities/${v.id}`)).json();
    expect(after).toMatchObject({
      title: "Renamed here",
      version: 2,
      dueAt: v.dueAt,
      discoveredAt: v.discoveredAt,
    });
    await expectStaleEdit(
      t.as("manager", `/vulnerabilities/${v.id}/edit`, fields({ title: "My new title" })),
      "My new title",
    );
    expect(
      await textWithStatus(
        t.as("manager", `/vulnerabilities/${v.id}/edit`, fields({ version: "2", severity: "low" })),
        422,
      ),
    ).toContain("The CVSS vector rates this critical (9.8)");
  });
});

describe("the vulnerability page", () => {
  test("status buttons move it; a refused or outdated move is shown on the page with 409", async () => {
    const v = await record("Status from the page");
    const page = await (await t.as("analyst", `/vulnerabilities/${v.id}`)).text();
    for (const to of ["in_progress", "mitigated", "accepted", "false_positive"])
      expect(page).toContain(`data-testid="move-${to}"`);
    expect(await (await t.as("viewer", `/vulnerabilities/${v.id}`)).text()).not.toContain(
      'data-testid="move-',
    );
    const moved = await withStatus(
      postMove(t, "analyst", `/vulnerabilities/${v.id}/status`, "mitigated", "1"),
      303,
    );
    expect(moved.headers.get("Location")).toBe(`/vulnerabilities/${v.id}?notice=moved`);
    const closed = await (await t.as("analyst", `/vulnerabilities/${v.id}`)).text();
    expectContains(closed, ['data-testid="move-open"', "Reopen"]);
    expect(await refusedMove(t, "analyst", `/vulnerabilities/${v.id}/status`, "accepted", "2")).toContain(
      "A vulnerability that is mitigated can move to open, not to accepted.",
    );
    await expectStaleMove(t, "analyst", `/vulnerabilities/${v.id}/status`, "open", "1");
  });

  test("admins delete and restore from the pages; others get 403", async () => {
    const v = await record("Delete from page");
    await expectPagesDeleteRestore(t, "/vulnerabilities", v.id, "analyst");
  });
});

describe("/vulnerabilities/import", () => {
  const bad =
    "title,cve_id,cvss_vector,asset\nGood row,CVE-2033-0200,CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:L,web01\nBad row,CVE-2033-0201,CVSS:3.1/AV:X,nowhere\n";
  const fixed =
    "title,cve_id,cvss_vector,asset\nGood row,CVE-2033-0200,CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:L,web01\nBad row,CVE-2033-0201,CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:N/VC:H/VI:L/VA:N/SC:N/SI:N/SA:N,web01.example.com\n";

  test("analysts get the form; viewers 403; nothing sent is a problem of the form", async () => {
    const html = await (await t.as("analyst", "/vulnerabilities/import")).text();
    expect(html).toContain('enctype="multipart/form-data"');
    for (const column of ["cve_id", "title", "cvss_vector", "severity", "status", "asset", "discovered_at"])
      expect(html).toContain(`<code>${column}</code>`);
    expect((await t.as("viewer", "/vulnerabilities/import")).status).toBe(403);
    expect(
      (await postForm(t, "viewer", "/vulnerabilities/import/preview", { content: "title\nx" })).status,
    ).toBe(403);
    const empty = await withStatus(
      postForm(t, "analyst", "/vulnerabilities/import/preview", {
        content: " ",
        format: "auto",
      }),
      422,
    );
    expect(await empty.text()).toContain("Choose a file or paste its content.");
    // A browser sends an empty file part for a file input left empty: the pasted text counts.
    const pasted = await t.as(
      "analyst",
      "/vulnerabilities/import/preview",
      multipartInit({ file: new File([], ""), content: "title,severity\nPasted,low\n", format: "auto" }),
    );
    expect(await pasted.text()).toContain("No problems found: 1 to import.");
  });

  test("the preview lists each row or its problems; with any problem there is no import button, and importing anyway writes nothing (422)", async () => {
    const before = await count();
    const html = await textWithStatus(
      postForm(t, "analyst", "/vulnerabilities/import/preview", {
        content: bad,
        format: "auto",
      }),
      200,
    );
    expectContains(html, [
      "1 of 2 rows have problems.",
      'data-testid="import-row-3"',
      "cvss_vector</span>: AV:X is not valid",
      "No asset has the id, host name or name “nowhere”.",
    ]);
    expect(html).not.toContain('data-testid="import-confirm"');
    expect(html).toContain("Bad row,CVE-2033-0201");
    expect(
      await textWithStatus(
        postForm(t, "analyst", "/vulnerabilities/import", { content: bad, format: "csv" }),
        422,
      ),
    ).toContain("Nothing was imported.");
    expect(await count()).toBe(before);
  });

  test("an uploaded file is checked like pasted text and lands in the text box; once every row is right it imports in one go", async () => {
    const file = new File([fixed], "findings.csv", { type: "text/csv" });
    const preview = await t.as(
      "analyst",
      "/vulnerabilities/import/preview",
      multipartInit({ file, content: "", format: "auto" }),
    );
    const html = await preview.text();
    expectContains(html, [
      "No problems found: 2 to import.",
      'data-testid="import-confirm"',
      "Good row,CVE-2033-0200",
    ]);
    const before = await count();
    const done = await withStatus(
      t.as("analyst", "/vulnerabilities/import", multipartInit({ content: fixed, format: "csv" })),
      303,
    );
    expect(done.headers.get("Location")).toBe("/vulnerabilities?notice=imported&count=2");
    expect(await count()).toBe(before + 2);
    const list = await (await t.as("viewer", "/vulnerabilities?notice=imported&count=2")).text();
    expect(list).toContain("Imported 2 vulnerabilities.");
    // The notice states only a count a redirect can give: other text in the URL shows none.
    for (const count of ["0%20%E2%80%94%20your%20session%20expired", "2.5", "-1", "", "1e3", "99999999999"]) {
      const spoofed = await (await t.as("viewer", `/vulnerabilities?notice=imported&count=${count}`)).text();
      expect({ count, notice: spoofed.includes("Imported") }).toEqual({ count, notice: false });
    }
    const json = JSON.stringify([{ title: "From a JSON file", severity: "low" }]);
    const fromJson = await t.as(
      "analyst",
      "/vulnerabilities/import/preview",
      multipartInit({ file: new File([json], "scan.json"), content: "", format: "auto" }),
    );
    const jsonHtml = await fromJson.text();
    expectContains(jsonHtml, [
      "No problems found: 1 to import.",
      '<option value="json" selected="">JSON</option>',
    ]);
  });
});
