/**
 * The users page (/users): admin only; the table, creating a user, changing a role,
 * deactivating and reactivating, resetting a password; errors next to their control.
 */
import { describe, expect } from "bun:test";
import type { Role } from "../../src/db/schema/users.ts";
import { textWithStatus, withStatus } from "../helpers/answers.ts";
import { jsonInit, TEST_PASSWORD, type TestApp } from "../helpers/app.ts";
import { appTest } from "../helpers/app-test.ts";
import { expectContains } from "../helpers/expect-text.ts";
import { formInit, HTMX_PARTIAL, mainOf, partialOf, postForm, rowOf, signIn } from "./helpers.ts";

async function userRow(t: TestApp, username: string) {
  const [row] = (
    await t.database.client.execute({
      sql: "SELECT id, role, is_active, display_name FROM users WHERE username = ?",
      args: [username],
    })
  ).rows;
  return row;
}

/** The admin's post to the form `action` (`role`, `active`) of the seeded user with `role`. */
const changeUser = (t: TestApp, role: Role, action: string, fields: Record<string, string>) =>
  postForm(t, "admin", `/users/${t.users[role].id}/${action}`, fields);

const loginStatus = async (t: TestApp, login: string, password = TEST_PASSWORD) =>
  (await t.app.request("/login", formInit({ login, password }))).status;

describe("access", () => {
  for (const role of ["manager", "analyst", "viewer"] as const)
    appTest(`${role} gets 403 for every users page route`, async (t) => {
      const html = await textWithStatus(t.as(role, "/users"), 403);
      expect(html).toContain("Not allowed");
      expect(html).not.toContain('data-testid="users-table"');
      await withStatus(
        postForm(t, role, "/users", {
          email: "x@y.test",
          username: "xavier",
          password: "x".repeat(20),
        }),
        403,
      );
      expect(await userRow(t, "xavier")).toBeUndefined();
      await withStatus(postForm(t, role, `/users/${t.users.admin.id}/role`, { role: "viewer" }), 403);
      expect((await userRow(t, "admin"))?.role).toBe("admin");
    });
});

describe("GET /users", () => {
  appTest("full page: every user with role, status and actions; the create form closed", async (t) => {
    const html = await textWithStatus(t.as("admin", "/users"), 200);
    expect(html).toContain("<title>Users · Warden</title>");
    expect(html).toMatch(/<a href="\/users" class="nav-link" aria-current="page">/);
    for (const role of ["admin", "manager", "analyst", "viewer"]) {
      const row = rowOf(html, `user-${role}`);
      expectContains(row, [`The ${role}`, `${role}@example.test`]);
      expect(row).toMatch(new RegExp(`<option value="${role}" selected="">`));
      expect(row).toContain(">Active</span>");
      expect(row).toContain("never"); // no sign-in yet
    }
    expect(rowOf(html, "user-admin")).toContain(">you</span>");
    expect(html).toContain('<details class="create-panel" id="new-user">');
    // Confirm dialogs name exactly what happens.
    const viewer = rowOf(html, "user-viewer");
    expectContains(viewer, [
      '<h2 id="deactivate-',
      "Deactivate viewer?",
      ">Deactivate viewer</button>",
      "Set a new password for viewer?",
      `href="/users?reset=${t.users.viewer.id}"`,
    ]);
  });

  appTest("partial render: only the main region and the navigation out of band", async (t) => {
    const html = await partialOf(t, "admin", "/users", "Users");
    expectContains(html, [
      'data-testid="users-table"',
      '<nav id="nav" class="nav" aria-label="Main" hx-swap-oob="true">',
    ]);
  });

  appTest("?reset=<id> renders that user's reset dialog open (the way without JavaScript)", async (t) => {
    const html = await (await t.as("admin", `/users?reset=${t.users.analyst.id}`)).text();
    expect(rowOf(html, "user-analyst")).toMatch(/<dialog class="dialog" id="reset-[^"]+"[^>]*open="">/);
    expect(rowOf(html, "user-viewer")).not.toMatch(/<dialog class="dialog" id="reset-[^"]+"[^>]*open="">/);
  });
});

describe("creating a user", () => {
  const fields = {
    email: "Nora@Example.test",
    username: "nora",
    displayName: "Nora North",
    role: "analyst",
    password: "nora-initial-password-4",
  };

  appTest("the form creates the user (cookie session) and the list confirms it", async (t) => {
    const admin = await signIn(t, "admin");
    const res = await withStatus(admin.post("/users", fields), 303);
    const location = res.headers.get("Location") ?? "";
    expect(location).toStartWith("/users?notice=created&id=");
    const created = await userRow(t, "nora");
    expect(created).toMatchObject({ role: "analyst", is_active: 1, display_name: "Nora North" });
    expect(location).toEndWith(String(created?.id));

    const html = await (await admin.get(location)).text();
    expectContains(html, ['data-testid="notice"', "User nora created."]);
    expect(rowOf(html, "user-nora")).toContain("nora@example.test");
    expect(await loginStatus(t, "nora", fields.password)).toBe(303);
  });

  appTest("through htmx the answer is 204 with HX-Location (no full reload)", async (t) => {
    const res = await withStatus(postForm(t, "admin", "/users", fields, { "HX-Request": "true" }), 204);
    const target = JSON.parse(res.headers.get("HX-Location") ?? "{}");
    expect(target).toMatchObject({ target: "#main" });
    expect(target.path).toStartWith("/users?notice=created&id=");
  });

  appTest("invalid input: 422, errors under their fields, values kept, password not echoed", async (t) => {
    const html = await textWithStatus(
      postForm(t, "admin", "/users", {
        ...fields,
        username: "viewer",
        email: "not-an-email",
        password: "nora-initial-password-4",
      }),
      422,
    );
    expectContains(html, [
      '<details class="create-panel" id="new-user" open="">',
      '<p class="field-error" id="field-email-error">Enter a valid email address.</p>',
    ]);
    expect(html).toMatch(
      /id="field-email"[^>]*value="not-an-email"[^>]*autofocus=""[^>]*aria-invalid="true"/,
    );
    expect(html).toContain('value="Nora North"');
    expect(html).toMatch(/<option value="analyst" selected="">Analyst<\/option>/);
    expect(html).not.toContain("nora-initial-password-4");

    expect(
      await textWithStatus(postForm(t, "admin", "/users", { ...fields, username: "viewer" }), 422),
    ).toContain('id="field-username-error">This username is already taken.');
    const weak = await postForm(t, "admin", "/users", { ...fields, password: "password" });
    expect(await weak.text()).toContain('id="field-password-error">');
    expect(await userRow(t, "nora")).toBeUndefined();
  });

  appTest("a 422 answer to htmx does not push the action's URL into the history", async (t) => {
    const res = await withStatus(postForm(t, "admin", "/users", { ...fields, email: "" }, HTMX_PARTIAL), 422);
    expect(res.headers.get("HX-Push-Url")).toBe("false");
    expect(await res.text()).toStartWith('<title>Users · Warden</title><main id="main"');
  });
});

describe("changing a user", () => {
  appTest("role: saved, applied, and confirmed", async (t) => {
    const res = await withStatus(changeUser(t, "viewer", "role", { role: "manager" }), 303);
    expect(res.headers.get("Location")).toBe(`/users?notice=role&id=${t.users.viewer.id}`);
    expect((await userRow(t, "viewer"))?.role).toBe("manager");
    const html = await (await t.as("admin", res.headers.get("Location") ?? "")).text();
    expect(html).toContain("Role of viewer changed.");
  });

  appTest("the last admin cannot be demoted: 409, the reason beside the role select", async (t) => {
    const html = await textWithStatus(changeUser(t, "admin", "role", { role: "viewer" }), 409);
    const row = rowOf(html, "user-admin");
    expect(row).toContain(
      `<p class="field-error" id="role-${t.users.admin.id}-error">This is the last active admin.`,
    );
    expect(row).toMatch(/<select id="role-[^"]+" name="role" class="input" autofocus="" aria-invalid="true"/);
    expect(html).toContain('data-testid="row-error"');
    expect((await userRow(t, "admin"))?.role).toBe("admin");
  });

  appTest("an unknown role is a 422 beside the select", async (t) => {
    const res = await withStatus(changeUser(t, "viewer", "role", { role: "overlord" }), 422);
    expect(rowOf(await res.text(), "user-viewer")).toContain('class="field-error"');
  });

  appTest("deactivate ends sign-in; reactivate restores it", async (t) => {
    const off = await withStatus(changeUser(t, "analyst", "active", { active: "false" }), 303);
    expect(off.headers.get("Location")).toBe(`/users?notice=deactivated&id=${t.users.analyst.id}`);
    expect(await loginStatus(t, "analyst")).toBe(401);
    const html = await (await t.as("admin", "/users")).text();
    const row = rowOf(html, "user-analyst");
    expectContains(row, [">Inactive</span>", "Reactivate analyst?"]);

    await withStatus(changeUser(t, "analyst", "active", { active: "true" }), 303);
    expect(await loginStatus(t, "analyst")).toBe(303);
  });

  appTest("the last admin cannot be deactivated: 409 beside the row's actions", async (t) => {
    const res = await withStatus(changeUser(t, "admin", "active", { active: "false" }), 409);
    expect(rowOf(await res.text(), "user-admin")).toContain(
      '<p class="field-error" role="alert">This is the last active admin.',
    );
    expect((await userRow(t, "admin"))?.is_active).toBe(1);
  });

  appTest("reset password: a weak one re-opens the dialog with the error; a good one works", async (t) => {
    const path = `/users/${t.users.viewer.id}/password`;
    const weak = await withStatus(postForm(t, "admin", path, { password: "short" }), 422);
    const row = rowOf(await weak.text(), "user-viewer");
    expect(row).toMatch(/<dialog class="dialog" id="reset-[^"]+"[^>]*open="">/);
    expect(row).toContain(
      `<p class="field-error" id="reset-password-${t.users.viewer.id}-error">Use at least 12 characters.`,
    );
    expect(await loginStatus(t, "viewer")).toBe(303);

    const good = await withStatus(postForm(t, "admin", path, { password: "a-brand-new-password-1" }), 303);
    expect(good.headers.get("Location")).toBe(`/users?notice=password&id=${t.users.viewer.id}`);
    expect(await loginStatus(t, "viewer")).toBe(401);
    expect(await loginStatus(t, "viewer", "a-brand-new-password-1")).toBe(303);
  });

  appTest("reset password revokes the user's API tokens unless the admin ticks to keep them", async (t) => {
    const path = `/users/${t.users.viewer.id}/password`;
    const html = await (await t.as("admin", `/users?reset=${t.users.viewer.id}`)).text();
    expect(rowOf(html, "user-viewer")).toContain(
      `<input type="checkbox" name="keepApiTokens" id="reset-keep-tokens-${t.users.viewer.id}"/>`,
    );
    const created = await (await t.as("viewer", "/api/v1/tokens", jsonInit({ name: "ci" }))).json();
    const works = async () =>
      (await t.app.request("/api/v1/auth/me", { headers: { Authorization: `Bearer ${created.token}` } }))
        .status;
    await withStatus(
      postForm(t, "admin", path, {
        password: "a-brand-new-password-1",
        keepApiTokens: "on",
      }),
      303,
    );
    expect(await works()).toBe(200);
    expect((await postForm(t, "admin", path, { password: "a-brand-new-password-2" })).status).toBe(303);
    expect(await works()).toBe(401);
  });

  appTest("an unknown user id is a 404 page", async (t) => {
    const res = await withStatus(postForm(t, "admin", "/users/nope/active", { active: "false" }), 404);
    expect(mainOf(await res.text())).toContain("404");
  });
});
