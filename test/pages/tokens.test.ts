/**
 * The API tokens page (/tokens): any signed-in user lists, creates (the secret shown
 * once) and revokes their own tokens.
 */
import { describe, expect } from "bun:test";
import { textWithStatus, withStatus } from "../helpers/answers.ts";
import type { TestApp } from "../helpers/app.ts";
import { appTest } from "../helpers/app-test.ts";
import { expectContains, expectLacks } from "../helpers/expect-text.ts";
import { partialOf, postForm, rowOf, signIn } from "./helpers.ts";

const me = (t: TestApp, token: string) =>
  t.app.request("/api/v1/auth/me", { headers: { Authorization: `Bearer ${token}` } });

describe("GET /tokens", () => {
  for (const role of ["admin", "manager", "analyst", "viewer"] as const)
    appTest(`${role} sees the page, empty at first`, async (t) => {
      const html = await textWithStatus(t.as(role, "/tokens"), 200);
      expectContains(html, [
        "<title>API tokens · Warden</title>",
        'data-testid="tokens-table-empty"',
        "You have no API tokens yet.",
      ]);
      expect(html).toContain(
        '<form method="post" action="/tokens" class="form panel" data-testid="create-token-form">',
      );
    });

  appTest("partial render: the main region and the navigation out of band", async (t) => {
    const html = await partialOf(t, "viewer", "/tokens", "API tokens");
    expect(html).toContain('hx-swap-oob="true"');
  });
});

describe("creating a token", () => {
  appTest("shows the full wdn_ secret once; it works; the list never shows it again", async (t) => {
    const viewer = await signIn(t, "viewer");
    const res = await withStatus(viewer.post("/tokens", { name: "ci-deploy", expiresInDays: "30" }), 201);
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    const html = await res.text();
    const secret = /data-testid="new-token-secret">(wdn_[^<]+)<\/code>/.exec(html)?.[1] ?? "";
    expect(secret).toMatch(/^wdn_\S{20,}$/);
    expectContains(html, ["Token ci-deploy created", "This is the only time Warden shows it"]);
    const row = rowOf(html, "token-ci-deploy");
    expectContains(row, [`${secret.slice(0, 10)}…`, ">Active</span>"]);
    expect(row).toMatch(/<time datetime="[^"]+" title="[^"]+">in 30 days<\/time>/);

    expect((await me(t, secret)).status).toBe(200);
    const later = await (await viewer.get("/tokens")).text();
    expectLacks(later, [secret, 'data-testid="new-token"']);
  });

  appTest("without an expiry the token never expires", async (t) => {
    const html = await (
      await postForm(t, "analyst", "/tokens", { name: "laptop", expiresInDays: "" })
    ).text();
    expect(rowOf(html, "token-laptop")).toContain('<span class="muted">never</span>');
  });

  for (const [name, fields, field, message] of [
    ["a blank name", { name: "  ", expiresInDays: "" }, "name", "Enter a name."],
    [
      "a fraction of days",
      { name: "cron", expiresInDays: "1.5" },
      "expiresInDays",
      "Enter a whole number of days.",
    ],
    ["too many days", { name: "cron", expiresInDays: "9999" }, "expiresInDays", "Too big"],
  ] as const)
    appTest(`${name}: 422 with the error under the field, values kept`, async (t) => {
      const html = await textWithStatus(postForm(t, "viewer", "/tokens", fields), 422);
      expect(html).toContain(`<p class="field-error" id="field-${field}-error">${message}`);
      expect(html).toMatch(new RegExp(`id="field-${field}"[^>]*aria-invalid="true"`));
      if (fields.expiresInDays) expect(html).toContain(`value="${fields.expiresInDays}"`);
      expect(html).not.toContain("new-token-secret");
      const [row] = (await t.database.client.execute("SELECT count(*) AS n FROM api_tokens")).rows;
      expect(Number(row?.n)).toBe(0);
    });
});

describe("revoking a token", () => {
  appTest("the confirm form revokes it: the token stops working and shows as revoked", async (t) => {
    const manager = await signIn(t, "manager");
    const created = await (await manager.post("/tokens", { name: "backup-job", expiresInDays: "" })).text();
    const secret = /data-testid="new-token-secret">(wdn_[^<]+)</.exec(created)?.[1] ?? "";
    const row = rowOf(created, "token-backup-job");
    expectContains(row, ["Revoke token backup-job?", ">Revoke backup-job</button>"]);
    const action = /<form method="post" action="(\/tokens\/[^"]+\/revoke)"/.exec(row)?.[1] ?? "";
    expect(action).not.toBe("");

    const res = await withStatus(manager.post(action, {}), 303);
    const location = res.headers.get("Location") ?? "";
    expect(location).toStartWith("/tokens?revoked=");
    expect((await me(t, secret)).status).toBe(401);
    const html = await (await manager.get(location)).text();
    expect(html).toContain("Token backup-job revoked.");
    const after = rowOf(html, "token-backup-job");
    expect(after).toContain(">Revoked</span>");
    expect(after).not.toContain("/revoke");
  });

  appTest("someone else's token cannot be revoked (404), and it keeps working", async (t) => {
    const created = await (await postForm(t, "viewer", "/tokens", { name: "mine" })).text();
    const secret = /data-testid="new-token-secret">(wdn_[^<]+)</.exec(created)?.[1] ?? "";
    const action = /action="(\/tokens\/[^"]+\/revoke)"/.exec(created)?.[1] ?? "";
    await withStatus(postForm(t, "admin", action, {}), 404);
    expect((await me(t, secret)).status).toBe(200);
  });
});
