import { afterEach, describe, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { textWithStatus, withStatus } from "../helpers/answers.ts";
import { createTestApp, jsonInit, TEST_PASSWORD, type TestApp } from "../helpers/app.ts";
import { expectContains } from "../helpers/expect-text.ts";
import { HTMX_PARTIAL, mainOf, signIn } from "./helpers.ts";

let t: TestApp;
afterEach(() => t.close());

/** A locales folder with English and a small German catalog, to see a language switch. */
function withGerman(): string {
  const dir = mkdtempSync(join(tmpdir(), "warden-locales-"));
  writeFileSync(join(dir, "en.json"), readFileSync(join(import.meta.dir, "../../locales/en.json")));
  writeFileSync(
    join(dir, "de.json"),
    JSON.stringify({ profile: { title: "Profil" }, nav: { dashboard: "Übersicht" } }),
  );
  return dir;
}

describe("GET /profile", () => {
  test("shows the account, full and partial", async () => {
    t = await createTestApp();
    const session = await signIn(t, "analyst");
    const full = await (await session.get("/profile")).text();
    expectContains(full, ["<h1>Profile</h1>", "analyst@example.test", 'value="The analyst"']);
    const partial = await (await session.get("/profile", HTMX_PARTIAL)).text();
    expect(partial).not.toContain("<html");
    expect(mainOf(partial)).toContain('data-testid="password-form"');
  });
});

describe("POST /profile", () => {
  test("the chosen language wins over the browser's, and can be given back to the browser", async () => {
    t = await createTestApp({}, { localesDir: withGerman() });
    const session = await signIn(t, "viewer");
    const english = { "Accept-Language": "en" };
    expect(await (await session.get("/profile", english)).text()).toContain("<h1>Profile</h1>");
    const saved = await withStatus(
      session.post("/profile", { displayName: "Vera Viewer", locale: "de" }),
      303,
    );
    expect(saved.headers.get("Location")).toBe("/profile?saved=profile");
    const german = await (await session.get("/profile", english)).text();
    expectContains(german, ['<html lang="de"', "<h1>Profil</h1>", "Übersicht"]);
    await session.post("/profile", { displayName: "Vera Viewer", locale: "" });
    expect(await (await session.get("/profile", english)).text()).toContain("<h1>Profile</h1>");
    const audit = await t.database.client.execute(
      "SELECT changes FROM audit_log WHERE action = 'user.profile' ORDER BY at",
    );
    expect(String(audit.rows[0]?.changes)).toContain('"after":"de"');
  });

  test("an unknown language or an empty name: 422 beside the field, values kept", async () => {
    t = await createTestApp();
    const session = await signIn(t, "viewer");
    const html = await textWithStatus(session.post("/profile", { displayName: "", locale: "xx" }), 422);
    expectContains(html, ["Choose one of the offered languages.", "Enter a name."]);
  });
});

describe("field messages in the viewer's language", () => {
  test("a German viewer reads the form's errors in German; the API keeps English", async () => {
    t = await createTestApp();
    const session = await signIn(t, "viewer");
    await session.post("/profile", { displayName: "Vera Viewer", locale: "de" });
    const html = await textWithStatus(session.post("/profile", { displayName: "", locale: "xx" }), 422);
    expectContains(html, ["Wählen Sie eine der angebotenen Sprachen.", "Geben Sie einen Namen ein."]);
    const password = await textWithStatus(
      session.post("/profile/password", { current: "", password: "short", confirm: "short" }),
      422,
    );
    expectContains(password, ["Geben Sie Ihr aktuelles Passwort ein.", "Verwenden Sie mindestens"]);
  });
});

describe("POST /profile/password", () => {
  test("needs the current password and a matching, acceptable new one", async () => {
    t = await createTestApp();
    const session = await signIn(t, "viewer");
    expect(
      await textWithStatus(
        session.post("/profile/password", {
          current: "nope-nope-nope",
          password: "brand-new-pass-42",
          confirm: "brand-new-pass-42",
        }),
        422,
      ),
    ).toContain("This is not your current password.");
    await withStatus(
      session.post("/profile/password", {
        current: TEST_PASSWORD,
        password: "brand-new-pass-42",
        confirm: "other",
      }),
      422,
    );
    expect(
      await textWithStatus(
        session.post("/profile/password", {
          current: TEST_PASSWORD,
          password: "password1234",
          confirm: "password1234",
        }),
        422,
      ),
    ).toContain("too common");
  });

  test("changes it, keeps this browser signed in, and ends every other session", async () => {
    t = await createTestApp();
    const session = await signIn(t, "viewer");
    const other = await t.as(
      null,
      "/api/v1/auth/login",
      jsonInit({ login: "viewer", password: TEST_PASSWORD }),
    );
    const otherPair = await other.json();
    const res = await withStatus(
      session.post("/profile/password", {
        current: TEST_PASSWORD,
        password: "brand-new-pass-42",
        confirm: "brand-new-pass-42",
      }),
      303,
    );
    const fresh = res.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    expect(fresh).toContain("warden_at=");
    expect((await t.app.request("/profile", { headers: { Cookie: fresh } })).status).toBe(200);
    await withStatus(
      t.app.request("/api/v1/auth/me", {
        headers: { Authorization: `Bearer ${otherPair.accessToken}` },
      }),
      401,
    );
    expect(
      (await t.as(null, "/api/v1/auth/login", jsonInit({ login: "viewer", password: TEST_PASSWORD }))).status,
    ).toBe(401);
    expect(
      (await t.as(null, "/api/v1/auth/login", jsonInit({ login: "viewer", password: "brand-new-pass-42" })))
        .status,
    ).toBe(200);
  });
});

describe("the password form and API tokens", () => {
  test("unticked, a password change revokes the user's API tokens; ticked, they keep working", async () => {
    t = await createTestApp();
    const token = async (name: string) =>
      (await (await t.as("viewer", "/api/v1/tokens", jsonInit({ name }))).json()).token as string;
    const works = async (secret: string) =>
      (await t.app.request("/api/v1/auth/me", { headers: { Authorization: `Bearer ${secret}` } })).status;
    const session = await signIn(t, "viewer");
    const html = await (await session.get("/profile")).text();
    expect(html).toMatch(/<input type="checkbox" name="keepApiTokens" id="field-keepApiTokens"\/>/);

    const kept = await token("kept");
    const change = (from: string, to: string, extra: Record<string, string> = {}) =>
      session.post("/profile/password", { current: from, password: to, confirm: to, ...extra });
    expect((await change(TEST_PASSWORD, "viewer-second-pass-2", { keepApiTokens: "on" })).status).toBe(303);
    expect(await works(kept)).toBe(200);
    const again = await signIn(t, "viewer", "viewer-second-pass-2");
    expect(
      (
        await again.post("/profile/password", {
          current: "viewer-second-pass-2",
          password: "viewer-third-pass-3",
          confirm: "viewer-third-pass-3",
        })
      ).status,
    ).toBe(303);
    expect(await works(kept)).toBe(401);
  });
});

describe("profile API", () => {
  test("PATCH /api/v1/auth/me and POST /api/v1/auth/password", async () => {
    t = await createTestApp();
    const patched = await withStatus(
      t.as("analyst", "/api/v1/auth/me", jsonInit({ displayName: "Ana", locale: "en" }, "PATCH")),
      200,
    );
    expect(await patched.json()).toMatchObject({ displayName: "Ana", locale: "en" });
    expect((await t.as("analyst", "/api/v1/auth/me", jsonInit({}, "PATCH"))).status).toBe(422);
    await withStatus(
      t.as(
        "analyst",
        "/api/v1/auth/password",
        jsonInit({ current: TEST_PASSWORD, password: "analyst-new-pass-9" }),
      ),
      204,
    );
    expect(
      (await t.as(null, "/api/v1/auth/login", jsonInit({ login: "analyst", password: "analyst-new-pass-9" })))
        .status,
    ).toBe(200);
  });
});
