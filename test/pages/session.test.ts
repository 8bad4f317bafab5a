/**
 * The sign-in, sign-out and first-run setup pages: cookies, redirects, errors shown
 * beside the form, and the layout without the shell.
 */
import { describe, expect } from "bun:test";
import { REFRESH_REUSE_GRACE_MS } from "../../src/modules/auth/sessions.ts";
import { textWithStatus, withStatus } from "../helpers/answers.ts";
import { createTestApp, TEST_PASSWORD } from "../helpers/app.ts";
import { appTest } from "../helpers/app-test.ts";
import { expectContains, expectLacks } from "../helpers/expect-text.ts";
import { cookiesOf, formInit, HTMX_PARTIAL, signIn } from "./helpers.ts";

describe("GET /login", () => {
  appTest("renders the sign-in form in the plain layout, keeping `next`", async (t) => {
    const html = await textWithStatus(t.as(null, "/login?next=%2Faudit"), 200);
    expectContains(html, [
      "<title>Sign in · Warden</title>",
      '<form method="post" action="/login" class="form">',
      '<input type="hidden" name="next" value="/audit"/>',
    ]);
    expect(html).toMatch(/<label for="field-login" class="field-label">Email or username<\/label>/);
    expect(html).toContain('autocomplete="current-password"');
    // No shell for anonymous pages: no navigation, no user menu.
    expectLacks(html, ['<nav id="nav"', 'details class="menu"']);
  });

  appTest("an htmx partial request gets only the title and the main region", async (t) => {
    const res = await t.as(null, "/login", { headers: HTMX_PARTIAL });
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(res.headers.get("Vary")).toContain("HX-Request-Type");
    expect(html).not.toContain("<html");
    expect(html).toStartWith('<title>Sign in · Warden</title><main id="main"');
    expect(html).toContain('action="/login"');
  });

  appTest("goes to /setup while no user exists, and to / when already signed in", async (t) => {
    const empty = await createTestApp({}, { seed: false });
    const first = await withStatus(empty.as(null, "/login"), 303);
    expect(first.headers.get("Location")).toBe("/setup");
    await empty.close();

    const session = await signIn(t, "viewer");
    const again = await withStatus(session.get("/login"), 303);
    expect(again.headers.get("Location")).toBe("/");
  });
});

describe("POST /login", () => {
  appTest("sets HttpOnly SameSite=Lax session cookies and goes to a local `next`", async (t) => {
    const res = await withStatus(
      t.app.request("/login", formInit({ login: "analyst", password: TEST_PASSWORD, next: "/tokens" })),
      303,
    );
    expect(res.headers.get("Location")).toBe("/tokens");
    const cookies = res.headers.getSetCookie();
    expect(cookies).toHaveLength(2);
    for (const name of ["warden_at", "warden_rt"]) {
      const line = cookies.find((c) => c.startsWith(`${name}=`)) ?? "";
      expectContains(line, ["HttpOnly", "SameSite=Lax", "Path=/"]);
      expect(line).not.toContain("Secure"); // plain HTTP without a trusted proxy saying otherwise
    }
    // The cookies are a session: the dashboard answers, naming the user in the menu.
    expect(await textWithStatus(t.app.request("/", { headers: { Cookie: cookiesOf(res) } }), 200)).toContain(
      'data-testid="user-name">analyst</span>',
    );
  });

  appTest(
    "the email works as login too; Secure cookies behind a trusted HTTPS proxy",
    { config: { server: { trustProxy: true } } },
    async (t) => {
      const res = await t.app.request(
        "/login",
        formInit(
          { login: "Viewer@Example.test", password: TEST_PASSWORD },
          // Behind the proxy the browser's origin is https.
          { "X-Forwarded-Proto": "https", Origin: "https://localhost" },
        ),
      );
      expect(res.status).toBe(303);
      expect(res.headers.get("Location")).toBe("/");
      for (const line of res.headers.getSetCookie()) expect(line).toContain("Secure");
    },
  );

  appTest(
    "after sign-in, next= goes only to a path on our own origin; anything a browser could read as another host goes to /",
    { timeout: 30_000 },
    async (t) => {
      const cases: [string, string][] = [
        ["//evil.example/x", "/"],
        ["///evil.example", "/"],
        ["/\\evil.example", "/"],
        ["/\\/evil.example", "/"],
        ["\\\\evil.example", "/"],
        ["/\t/evil.example", "/"],
        ["/\n/evil.example", "/"],
        ["/\r/evil.example", "/"],
        ["\t//evil.example", "/"],
        // A NUL in any form field is refused before the sign-in is tried.
        ["/\u0000/evil.example", "status 422"],
        ["/\u007f/evil.example", "/"],
        ["https://evil.example/", "/"],
        ["http:evil.example", "/"],
        ["javascript:alert(1)", "/"],
        ["data:text/html,x", "/"],
        ["evil.example", "/"],
        ["", "/"],
        ["/%09/evil.example", "/%09/evil.example"],
        ["/%2F/evil.example", "/%2F/evil.example"],
        ["/users?x=1", "/users?x=1"],
        ["/soc/1#history", "/soc/1#history"],
        ["/a/../users", "/users"],
      ];
      const answers: [string, string | null][] = [];
      for (const [next] of cases) {
        const res = await t.app.request(
          "/login",
          formInit({ login: "admin", password: TEST_PASSWORD, next }),
        );
        answers.push([next, res.status === 303 ? res.headers.get("Location") : `status ${res.status}`]);
      }
      expect(answers).toEqual(cases);
    },
  );

  appTest(
    "the refresh cookie alone renews the session on any page path (why its path is /), once: it rotates",
    async (t) => {
      const signedIn = await t.app.request("/login", formInit({ login: "analyst", password: TEST_PASSWORD }));
      const refreshOnly = cookiesOf(signedIn)
        .split("; ")
        .filter((c) => c.startsWith("warden_rt="))
        .join("; ");
      let cookie = refreshOnly;
      for (const path of ["/soc", "/incidents", "/notifications"]) {
        const res = await t.app.request(path, { headers: { Cookie: cookie } });
        expect([path, res.status]).toEqual([path, 200]);
        const renewed = res.headers.getSetCookie();
        expect(renewed.find((c) => c.startsWith("warden_rt="))).toContain("Path=/;");
        cookie = cookiesOf(res)
          .split("; ")
          .filter((c) => c.startsWith("warden_rt="))
          .join("; ");
      }
      // The first refresh token was spent by the first renewal (longer ago than the grace in
      // which requests renewing at the same moment may present it again).
      await t.database.client.execute({
        sql: "UPDATE refresh_tokens SET used_at = used_at - ? WHERE used_at IS NOT NULL",
        args: [REFRESH_REUSE_GRACE_MS + 1000],
      });
      await withStatus(t.app.request("/soc", { headers: { Cookie: refreshOnly } }), 303);
    },
  );

  appTest(
    "a wrong password re-renders the form with 401, the message and the login kept, no cookie",
    async (t) => {
      const res = await withStatus(
        t.app.request(
          "/login",
          formInit({ login: "manager", password: "not-the-password-9", next: "/users" }),
        ),
        401,
      );
      expect(res.headers.getSetCookie()).toEqual([]);
      const html = await res.text();
      expectContains(html, [
        'role="alert" data-testid="login-refused"',
        "Wrong login or password.",
        'name="login" type="text" class="input" value="manager"',
        'name="next" value="/users"',
      ]);
      expect(html).not.toContain("not-the-password-9");
      // The password field gets the focus: the login is already there.
      expect(html).toMatch(/name="password" type="password"[^>]*autofocus=""/);
      const [row] = (
        await t.database.client.execute(
          "SELECT count(*) AS n FROM audit_log WHERE action = 'auth.login_failed'",
        )
      ).rows;
      expect(Number(row?.n)).toBe(1);
    },
  );

  appTest("empty fields get 422 with the error under each field", async (t) => {
    const html = await textWithStatus(t.app.request("/login", formInit({ login: "  ", password: "" })), 422);
    expectContains(html, [
      'aria-invalid="true" aria-describedby="field-login-error"',
      '<p class="field-error" id="field-login-error">Enter your email or username.</p>',
      '<p class="field-error" id="field-password-error">Enter your password.</p>',
    ]);
  });

  appTest(
    "too many failures: 429 with Retry-After, on a page that says how long to wait",
    { config: { auth: { loginAttemptsPerMinute: 2 } } },
    async (t) => {
      const attempt = () =>
        t.app.request("/login", formInit({ login: "viewer", password: "wrong-password-x" }));
      expect((await attempt()).status).toBe(401);
      expect((await attempt()).status).toBe(401);
      const res = await withStatus(attempt(), 429);
      const seconds = Number(res.headers.get("Retry-After"));
      expect(seconds).toBeGreaterThan(0);
      const html = await res.text();
      expectContains(html, ["Too many sign-in attempts", `Wait ${seconds} s, then try again.`]);
      expect(html).not.toContain('<nav id="nav"');
      expect(html).toContain('href="/login"');
    },
  );

  appTest("a cross-site form post is refused", async (t) => {
    const res = await withStatus(
      t.app.request(
        "/login",
        formInit({ login: "admin", password: TEST_PASSWORD }, { Origin: "https://evil.example" }),
      ),
      403,
    );
    expect(res.headers.getSetCookie()).toEqual([]);
  });
});

describe("sign out", () => {
  appTest("GET /logout only asks: the session stays until the button posts", async (t) => {
    const session = await signIn(t, "viewer");
    const res = await withStatus(session.get("/logout"), 200);
    const html = await res.text();
    expect(html).toContain('<form method="post" action="/logout"');
    expect(res.headers.getSetCookie().some((c) => c.includes("Max-Age=0"))).toBe(false);
    expect((await session.get("/")).status).toBe(200);
    const anonymous = await withStatus(t.app.request("/logout"), 303);
    expect(anonymous.headers.get("Location")).toBe("/login");
  });

  appTest("POST /logout clears the cookies, ends the session and goes to /login", async (t) => {
    const session = await signIn(t, "viewer");
    const res = await withStatus(session.post("/logout", {}), 303);
    expect(res.headers.get("Location")).toBe("/login");
    const cleared = res.headers.getSetCookie();
    expect(cleared.some((c) => c.startsWith("warden_at=;") && c.includes("Max-Age=0"))).toBe(true);
    expect(cleared.some((c) => c.startsWith("warden_rt=;") && c.includes("Max-Age=0"))).toBe(true);
    // The refresh token is revoked: the old cookies cannot renew the session.
    const refreshOnly = session.cookie.split("; ").filter((c) => c.startsWith("warden_rt="));
    const after = await withStatus(t.app.request("/", { headers: { Cookie: refreshOnly.join("; ") } }), 303);
    expect(after.headers.get("Location")).toBe("/login");
  });

  appTest(
    "after POST /logout the old access cookie is refused at once, even without the refresh cookie",
    async (t) => {
      const session = await signIn(t, "viewer");
      const accessOnly = session.cookie
        .split("; ")
        .filter((c) => c.startsWith("warden_at="))
        .join("; ");
      expect((await t.app.request("/api/v1/auth/me", { headers: { Cookie: accessOnly } })).status).toBe(200);
      // Signed out with the access cookie alone: its session is ended all the same.
      await withStatus(t.app.request("/logout", formInit({}, { Cookie: accessOnly })), 303);
      expect((await t.app.request("/api/v1/auth/me", { headers: { Cookie: accessOnly } })).status).toBe(401);
      const refreshOnly = session.cookie
        .split("; ")
        .filter((c) => c.startsWith("warden_rt="))
        .join("; ");
      expect((await t.app.request("/", { headers: { Cookie: refreshOnly } })).status).toBe(303);
    },
  );
});

describe("first-run setup", () => {
  const admin = {
    email: "Root@Example.test",
    username: "root",
    displayName: "Root Admin",
    password: "a-long-setup-password-7",
    confirm: "a-long-setup-password-7",
  };

  appTest(
    "works once: creates the admin, signs them in; afterwards /setup is 404",
    { seed: false },
    async (t) => {
      const form = await withStatus(t.as(null, "/setup"), 200);
      const html = await form.text();
      expectContains(html, [
        "<title>Set up Warden · Warden</title>",
        '<form method="post" action="/setup" class="form">',
      ]);
      expect(html).not.toContain('<nav id="nav"');

      const res = await withStatus(t.app.request("/setup", formInit(admin)), 303);
      expect(res.headers.get("Location")).toBe("/");
      const page = await textWithStatus(t.app.request("/", { headers: { Cookie: cookiesOf(res) } }), 200);
      expectContains(page, ['data-testid="user-name">root</span>', 'data-testid="user-role">Admin</span>']);

      expect((await t.as(null, "/setup")).status).toBe(404);
      await withStatus(
        t.app.request("/setup", formInit({ ...admin, username: "other", email: "o@x.test" })),
        404,
      );
      const [row] = (await t.database.client.execute("SELECT count(*) AS n FROM users")).rows;
      expect(Number(row?.n)).toBe(1);
      expect((await t.as(null, "/login")).status).toBe(200);
    },
  );

  appTest(
    "different passwords: 422 with the error under Confirm, the other values kept",
    { seed: false },
    async (t) => {
      const html = await textWithStatus(
        t.app.request("/setup", formInit({ ...admin, confirm: "something-else-entirely" })),
        422,
      );
      expect(html).toContain('<p class="field-error" id="field-confirm-error">The passwords differ.');
      expect(html).toMatch(/id="field-confirm"[^>]*autofocus=""[^>]*aria-invalid="true"/);
      expectContains(html, ['value="Root@Example.test"', 'value="root"', 'value="Root Admin"']);
      expect(html).not.toContain(admin.password);
      const [row] = (await t.database.client.execute("SELECT count(*) AS n FROM users")).rows;
      expect(Number(row?.n)).toBe(0);
    },
  );

  appTest(
    "the service's rules show beside their fields (bad username, weak password)",
    { seed: false },
    async (t) => {
      const res = await withStatus(
        t.app.request(
          "/setup",
          formInit({ ...admin, username: "Bad Name!", password: "short", confirm: "short" }),
        ),
        422,
      );
      const html = await res.text();
      expect(html).toContain('id="field-username-error">Use lower-case letters');
      expect(res.headers.getSetCookie()).toEqual([]);
      expect(
        await textWithStatus(
          t.app.request("/setup", formInit({ ...admin, password: "short", confirm: "short" })),
          422,
        ),
      ).toContain('id="field-password-error">Use at least 12 characters.');
    },
  );
});

describe("the sign-in page's language links", () => {
  appTest("?lang= switches the page and is remembered in a cookie over Accept-Language", async (t) => {
    const english = { "Accept-Language": "en" };
    const first = await textWithStatus(t.as(null, "/login?next=%2Faudit", { headers: english }), 200);
    expectContains(first, [
      'data-testid="language-links"',
      'href="/login?next=%2Faudit&amp;lang=de"',
      ">Deutsch</a>",
    ]);
    const switched = await withStatus(t.as(null, "/login?next=%2Faudit&lang=de", { headers: english }), 200);
    const cookie = cookiesOf(switched);
    expect(cookie).toContain("warden_lang=de");
    expectContains(await switched.text(), [
      '<html lang="de"',
      "<title>Anmelden · Warden</title>",
      ">English</a>",
    ]);
    const later = await textWithStatus(
      t.as(null, "/login", { headers: { ...english, Cookie: cookie } }),
      200,
    );
    expect(later).toContain('<html lang="de"');
    const unknown = await withStatus(t.as(null, "/login?lang=xx", { headers: english }), 200);
    expect(unknown.headers.get("Set-Cookie")).toBeNull();
    expect(await unknown.text()).toContain('<html lang="en"');
  });
});
