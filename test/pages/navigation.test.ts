/**
 * What the shell shows each role: navigation entries only for what the role may read,
 * and the user menu with the signed-in name, role, API tokens and sign out.
 */
import { describe, expect } from "bun:test";
import { textWithStatus } from "../helpers/answers.ts";
import { appTest } from "../helpers/app-test.ts";
import { expectContains, expectLacks } from "../helpers/expect-text.ts";
import { navOf, signIn } from "./helpers.ts";

describe("navigation by role", () => {
  for (const [role, admin] of [
    ["admin", true],
    ["manager", false],
    ["analyst", false],
    ["viewer", false],
  ] as const)
    appTest(`${role}: Users and Audit log shown = ${admin}`, async (t) => {
      const nav = navOf(await (await t.as(role, "/")).text());
      expect(nav).toContain('<a href="/" class="nav-link" aria-current="page">');
      expect(nav.includes('href="/users"')).toBe(admin);
      expect(nav.includes('href="/audit"')).toBe(admin);
      expect(nav.includes(">Users</span>")).toBe(admin);
      expect(nav.includes(">Audit log</span>")).toBe(admin);
      // Settings is admin-only too (coming later); everyone has the API reference.
      expect(nav.includes(">Settings</span>")).toBe(admin);
      expectContains(nav, ['href="/api/docs"', ">Incidents</span>"]);
    });

  appTest("the out-of-band navigation of a partial render is filtered the same way", async (t) => {
    const html = await (
      await t.as("viewer", "/tokens", { headers: { "HX-Request": "true", "HX-Request-Type": "partial" } })
    ).text();
    const nav = navOf(html);
    expect(nav).toContain('hx-swap-oob="true"');
    expect(nav).not.toContain('href="/users"');
  });
});

describe("user menu", () => {
  appTest("names the signed-in user and role, links API tokens, signs out with a form button", async (t) => {
    const session = await signIn(t, "manager");
    const html = await (await session.get("/")).text();
    expectContains(html, [
      '<span class="menu-who-name" data-testid="user-name">manager</span>',
      '<span class="badge" data-testid="user-role">Manager</span>',
    ]);
    expect(html).toMatch(/<a class="menu-item" href="\/tokens">[\s\S]*?API tokens<\/a>/);
    expect(html).toContain('<form method="post" action="/logout" hx-boost="false" class="menu-signout">');
    expect(html).toMatch(
      /<button type="submit" class="menu-item" data-testid="sign-out">[\s\S]*?Sign out<\/button>/,
    );
  });

  appTest("anonymous error pages have no shell and lead to the sign-in page", async (t) => {
    const html = await textWithStatus(t.as(null, "/setup"), 404);
    expectLacks(html, ['<nav id="nav"', 'class="menu"']);
    expect(html).toContain('<a class="button is-secondary" href="/login" hx-boost="false">Go to sign in</a>');
  });
});
