/**
 * The asset pages (CMDB): list (full and partial, filters in the URL, live rows fragment),
 * the create form (422 keeps what was typed, each problem beside its field), editing
 * against a version (409 when someone else was first), the asset page with its
 * dependencies and dependents (add, cycle refused beside the picker, remove), delete.
 */
import { describe, expect, test } from "bun:test";
import { registerHost } from "../../src/modules/assets/registration.ts";
import { textWithStatus, withStatus } from "../helpers/answers.ts";
import { createdAs, useTestApp } from "../helpers/app.ts";
import { expectContains } from "../helpers/expect-text.ts";
import {
  createFromForm,
  expectEditRace,
  HTMX_PARTIAL,
  navOf,
  partialOf,
  postForm,
  refusedForm,
  rowsOf,
} from "./helpers.ts";

const t = useTestApp();

async function add(name: string, fields: Record<string, unknown> = {}) {
  return createdAs(t, "analyst", "/api/v1/cmdb/assets", { name, assetType: "server", ...fields });
}

/** Message keys that were not translated would show as `assets.…` in the page. */
function expectTranslated(html: string) {
  expect(html).not.toMatch(/[>"]assets\.[a-zA-Z.]+[<"]/);
}

describe("/cmdb", () => {
  test("the list shows assets, sortable headers, export links and the new button for analysts only", async () => {
    await add("Page list server", { hostname: "list.example.com", ipAddresses: ["192.0.2.1", "192.0.2.2"] });
    const res = await t.as("analyst", "/cmdb");
    expect(res.headers.get("Vary")).toContain("HX-Request-Type");
    const html = await res.text();
    expectContains(html, [
      "<title>Assets · Warden</title>",
      "Page list server",
      "list.example.com",
      'title="192.0.2.1, 192.0.2.2"',
      'data-testid="new-asset"',
      'href="/cmdb?sort=-criticality"',
      'href="/cmdb?sort=-name"',
      'href="/api/v1/cmdb/assets/export?format=csv"',
      'data-live-topic="assets"',
      'data-live-events="asset.created asset.updated asset.deleted"',
    ]);
    // Live refreshes come through a refresher that holds while the pointer or focus is on the table.
    expect(html).toMatch(/hx-trigger="assets-changed from:body"[^>]*data-live-pause="#asset-table"/);
    expect(navOf(html)).toContain('<a href="/cmdb" class="nav-link" aria-current="page">');
    expectTranslated(html);
    expect(await (await t.as("viewer", "/cmdb")).text()).not.toContain('data-testid="new-asset"');
    expect(await partialOf(t, "viewer", "/cmdb", "Assets")).toContain("Page list server");
  });

  test("filters come from the URL; a bad one is named beside its field; rows fragment for htmx", async () => {
    await add("Filter me router", { assetType: "network", tags: ["edge"] });
    const html = await (await t.as("viewer", "/cmdb?q=Filter+me&criticality=bogus")).text();
    expectContains(html, [
      "Filter me router",
      'aria-invalid="true"',
      'href="/api/v1/cmdb/assets/export?q=Filter+me&amp;format=json"',
    ]);
    const fragment = await rowsOf(t, "/cmdb", "q=Filter+me&assetType=database");
    expect(fragment).toContain("No asset matches these filters.");
    expect(fragment).not.toContain("<table");
    const tagged = await (
      await t.as("viewer", "/cmdb/rows?tag=edge", { headers: { "HX-Request": "true" } })
    ).text();
    expect(tagged).toContain("Filter me router");
    expect((await t.as("viewer", "/cmdb/rows?tag=edge")).status).toBe(303);
  });
});

describe("creating from the form", () => {
  test("422 shows each problem beside its field and keeps what was typed; a good post redirects", async () => {
    const html = await refusedForm(
      t,
      "/cmdb",
      {
        name: "",
        assetType: "",
        hostname: "bad_host",
        ipAddresses: "10.0.0.1\n10.0.0.300",
        tags: "prod PCI",
        ownerUserId: t.users.manager.id,
        ownerText: "Also a team",
        os: "Debian 12",
        description: "kept **text**",
      },
      [
        "Enter a name.",
        "Choose a type",
        "Enter a DNS host name",
        "“10.0.0.300” is not an IPv4 or IPv6 address.",
        "not both",
        'id="field-ipAddresses-error"',
        'value="bad_host"',
        "10.0.0.1\n10.0.0.300</textarea>",
        'value="prod PCI"',
        'value="Also a team"',
        `<option value="${t.users.manager.id}" selected="">`,
        "kept **text**",
      ],
    );
    expect(html).toMatch(/<input id="field-name"[^>]*autofocus/);
    expectTranslated(html);

    const { page } = await createFromForm(t, "/cmdb", {
      name: "From the form",
      assetType: "database",
      criticality: "high",
      status: "planned",
      hostname: "Form.Example.com",
      ipAddresses: "10.0.0.1, 2001:DB8::5",
      tags: "prod, PCI",
      ownerUserId: "",
      ownerText: "DBA team",
      description: "# Heading\n<script>alert(1)</script>",
    });
    expectContains(page, ["Asset added.", "<h1>Heading</h1>"]);
    expect(page).not.toContain("<script>alert(1)</script>");
    expectContains(page, [
      "form.example.com",
      "<li>2001:db8::5</li>",
      '<span class="badge asset-tag">pci</span>',
      "DBA team",
      "Planned",
    ]);
    expectTranslated(page);
    expect((await postForm(t, "viewer", "/cmdb", { name: "x", assetType: "server" })).status).toBe(403);
  });

  test("htmx posts: a 422 is swapped in place without pushing the post's URL; success goes by HX-Location", async () => {
    const bad = await withStatus(postForm(t, "analyst", "/cmdb", { name: "" }, HTMX_PARTIAL), 422);
    expect(bad.headers.get("HX-Push-Url")).toBe("false");
    const good = await withStatus(
      postForm(t, "analyst", "/cmdb", { name: "Via htmx", assetType: "iot" }, HTMX_PARTIAL),
      204,
    );
    expect(JSON.parse(good.headers.get("HX-Location") ?? "{}").path).toMatch(
      /^\/cmdb\/[\w-]+\?notice=created$/,
    );
  });
});

describe("editing", () => {
  test("the form shows the stored values; an old version keeps the typed values and says why (409)", async () => {
    const asset = await add("Edit race", { ipAddresses: ["192.0.2.9", "192.0.2.10"], tags: ["a", "b"] });
    const fields = { name: "My new name", assetType: "server", criticality: "low", status: "active" };
    const form = await expectEditRace(
      t,
      {
        api: `/api/v1/cmdb/assets/${asset.id}`,
        path: `/cmdb/${asset.id}/edit`,
        change: { location: "first" },
      },
      fields,
      "My new name",
    );
    expectContains(form, ["192.0.2.9\n192.0.2.10</textarea>", 'value="a b"']);
    expect(
      await textWithStatus(
        postForm(t, "manager", `/cmdb/${asset.id}/edit`, {
          ...fields,
          version: "2",
          tags: "x".repeat(40),
        }),
        422,
      ),
    ).toContain("is not a tag");
    const ok = await withStatus(
      postForm(t, "manager", `/cmdb/${asset.id}/edit`, {
        ...fields,
        version: "2",
        location: "second",
      }),
      303,
    );
    expect(ok.headers.get("Location")).toBe(`/cmdb/${asset.id}?notice=saved`);
    const after = await (await t.as("viewer", ok.headers.get("Location") ?? "")).text();
    expectContains(after, ["My new name", "Changes saved."]);
    expect(after).not.toContain("192.0.2.9");
  });

  test("Warden's own host says so on its page and in its form", async () => {
    const { asset } = await registerHost(
      { db: t.database.db, bus: t.bus },
      {
        hostname: "self.example.net",
        os: "Debian GNU/Linux 12",
        ipAddresses: ["192.0.2.50"],
        machineKey: "page-test",
      },
    );
    const page = await (await t.as("viewer", `/cmdb/${asset.id}`)).text();
    expectContains(page, ['data-testid="asset-managed"', "Registered by Warden"]);
    expect(await (await t.as("analyst", `/cmdb/${asset.id}/edit`)).text()).toContain("Registered by Warden");
    expect(await (await t.as("viewer", "/cmdb?q=self.example")).text()).toContain(
      'data-testid="asset-managed"',
    );
  });
});

describe("the asset page: dependencies", () => {
  test("add and remove both ways from the page; a cycle or no choice is refused beside the picker", async () => {
    const app = await add("Portal app", { assetType: "application" });
    const db = await add("Portal DB", { assetType: "database" });
    const page = await (await t.as("analyst", `/cmdb/${app.id}`)).text();
    expectContains(page, [
      `action="/cmdb/${app.id}/dependencies"`,
      `<option value="${db.id}">Portal DB</option>`,
    ]);
    expect(page).not.toContain(`<option value="${app.id}">`);
    const added = await withStatus(
      postForm(t, "analyst", `/cmdb/${app.id}/dependencies`, { dependsOnId: db.id }),
      303,
    );
    expect(added.headers.get("Location")).toBe(`/cmdb/${app.id}?notice=related#dependencies-title`);
    const dbPage = await (await t.as("viewer", `/cmdb/${db.id}`)).text();
    expect(dbPage).toContain(`data-testid="relation-${app.id}"`);
    expect(dbPage).not.toContain(`action="/cmdb/${db.id}/dependents"`);

    const cycle = await withStatus(
      postForm(t, "analyst", `/cmdb/${db.id}/dependencies`, { dependsOnId: app.id }),
      422,
    );
    const refused = await cycle.text();
    expectContains(refused, [
      "so this would make a cycle",
      'id="field-dependencies-error"',
      `<option value="${app.id}" selected="">`,
    ]);
    expect(
      await textWithStatus(postForm(t, "analyst", `/cmdb/${db.id}/dependents`, { assetId: "" }), 422),
    ).toContain('id="field-dependents-error"');

    const monitor = await add("Portal monitor");
    await withStatus(postForm(t, "analyst", `/cmdb/${db.id}/dependents`, { assetId: monitor.id }), 303);
    const read = await (await t.as("viewer", `/api/v1/cmdb/assets/${monitor.id}`)).json();
    expect(read.dependencies.map((d: { id: string }) => d.id)).toEqual([db.id]);

    const removed = await postForm(t, "analyst", `/cmdb/${db.id}/dependents/${app.id}/remove`, {});
    expect(removed.headers.get("Location")).toBe(`/cmdb/${db.id}?notice=unrelated#dependents-title`);
    expect((await (await t.as("viewer", `/api/v1/cmdb/assets/${app.id}`)).json()).dependencies).toEqual([]);
    expect((await postForm(t, "viewer", `/cmdb/${db.id}/dependents/${monitor.id}/remove`, {})).status).toBe(
      403,
    );
  });

  test("delete: admins only; refused on the page while others depend on it; then deleted", async () => {
    const db = await add("Delete me DB");
    const app = await add("Needs the DB");
    await t.as("analyst", `/api/v1/cmdb/assets/${app.id}/dependencies/${db.id}`, { method: "POST" });
    expect(await (await t.as("analyst", `/cmdb/${db.id}`)).text()).not.toContain('id="delete-asset"');
    const adminPage = await (await t.as("admin", `/cmdb/${db.id}`)).text();
    expectContains(adminPage, [
      'id="delete-asset"',
      "It cannot be deleted while other assets depend on it (Needs the DB).",
    ]);
    expect((await postForm(t, "analyst", `/cmdb/${db.id}/delete`, {})).status).toBe(403);
    expect(await textWithStatus(postForm(t, "admin", `/cmdb/${db.id}/delete`, {}), 409)).toContain(
      "“Delete me DB” cannot be deleted: “Needs the DB” depends on it.",
    );
    await postForm(t, "admin", `/cmdb/${app.id}/dependencies/${db.id}/remove`, {});
    const deleted = await postForm(t, "admin", `/cmdb/${db.id}/delete`, {});
    expect(deleted.headers.get("Location")).toBe("/cmdb?notice=deleted");
    expect((await t.as("viewer", `/cmdb/${db.id}`)).status).toBe(404);
    expect(await (await t.as("admin", "/cmdb?notice=deleted")).text()).toContain("Asset deleted.");
  });
});
