/**
 * Two-factor sign-in over HTTP: enrolment of an authenticator app from the profile, the
 * code step after the password, replay refused, recovery codes used once, wrong codes
 * counted toward the sign-in limits, the enrolment a role can require, the API login with
 * a code, and an admin's reset (audited, the user notified).
 */
import { afterEach, describe, expect, test } from "bun:test";
import { and, eq } from "drizzle-orm";
import type { Tree } from "../../src/config/flatten.ts";
import { auditLog } from "../../src/db/schema/audit-log.ts";
import { mfaRecoveryCodes, userMfa } from "../../src/modules/auth/mfa-schema.ts";
import { passkeys } from "../../src/modules/auth/passkeys-schema.ts";
import { notifications } from "../../src/modules/notifications/schema.ts";
import { textWithStatus, withStatus } from "../helpers/answers.ts";
import { createTestApp, jsonInit, TEST_PASSWORD, type TestApp } from "../helpers/app.ts";
import { totpCode } from "../helpers/totp.ts";
import { formInit, HTMX_PARTIAL, signIn } from "../pages/helpers.ts";

const apps: TestApp[] = [];
afterEach(async () => {
  for (const t of apps.splice(0)) await t.close();
});

async function app(overrides: Tree = {}): Promise<TestApp> {
  const t = await createTestApp(overrides);
  apps.push(t);
  return t;
}

/** A browser's cookies across requests (what Set-Cookie sets, deletes, replaces). */
class Browser {
  #jar = new Map<string, string>();
  constructor(private readonly t: TestApp) {}
  get cookie(): string {
    return [...this.#jar].map(([k, v]) => `${k}=${v}`).join("; ");
  }
  has(name: string): boolean {
    return this.#jar.has(name);
  }
  #keep(res: Response): Response {
    for (const line of res.headers.getSetCookie()) {
      const [pair = "", ...attrs] = line.split(";");
      const [name = "", value = ""] = pair.split("=");
      if (attrs.some((a) => /max-age=0\b/i.test(a.trim())) || value === "") this.#jar.delete(name.trim());
      else this.#jar.set(name.trim(), value);
    }
    return res;
  }
  async get(path: string): Promise<Response> {
    return this.#keep(await this.t.app.request(path, { headers: { Cookie: this.cookie } }));
  }
  async post(path: string, fields: Record<string, string>): Promise<Response> {
    return this.#keep(await this.t.app.request(path, formInit(fields, { Cookie: this.cookie })));
  }
}

/** The secret the enrol page shows (what a person types or scans). */
function shownSecret(html: string): string {
  const secret = /data-secret="([A-Z2-7]+)"/.exec(html)?.[1];
  if (!secret) throw new Error("no secret on the enrol page");
  return secret;
}

/** Recovery codes listed on the page that shows them once. */
function shownCodes(html: string): string[] {
  const list = /data-testid="recovery-codes">([\s\S]*?)<\/ol>/.exec(html)?.[1] ?? "";
  return [...list.matchAll(/<li>([a-z2-9]{5}-[a-z2-9]{5})<\/li>/g)].map((m) => m[1] as string);
}

/** Enrols the analyst's authenticator app from the profile; answers its secret and recovery codes. */
async function enrolAnalyst(t: TestApp): Promise<{ secret: string; codes: string[] }> {
  const session = await signIn(t, "analyst");
  const answer = await session.get("/profile/security/totp");
  expect(answer.headers.get("Cache-Control")).toBe("no-store");
  const page = await textWithStatus(answer, 200);
  const secret = shownSecret(page);
  expect(page).toContain("<svg");
  // A reload shows the same pending secret (same QR code).
  expect(shownSecret(await session.get("/profile/security/totp").then((r) => r.text()))).toBe(secret);
  await withStatus(
    session.post("/profile/security/totp", { code: "000000" === totpCode(secret) ? "111111" : "000000" }),
    422,
  );
  const done = await textWithStatus(session.post("/profile/security/totp", { code: totpCode(secret) }), 200);
  const codes = shownCodes(done);
  expect(codes).toHaveLength(10);
  return { secret, codes };
}

/** Signs in with the password: expects the code step (a challenge cookie, no session). */
async function passwordStep(t: TestApp, login = "analyst"): Promise<Browser> {
  const browser = new Browser(t);
  const res = await withStatus(
    browser.post("/login", { login, password: TEST_PASSWORD, next: "/tokens" }),
    303,
  );
  expect(res.headers.get("Location")).toBe("/login/mfa");
  expect(browser.has("warden_mfa")).toBe(true);
  expect(browser.has("warden_at")).toBe(false);
  return browser;
}

const NEXT_STEP = 30_000;

describe("authenticator app", () => {
  test("enrol, then sign in with a code; the same code again is refused; the prompt is no session", async () => {
    const t = await app();
    const { secret } = await enrolAnalyst(t);
    const [row] = await t.database.db.select().from(userMfa).where(eq(userMfa.userId, t.users.analyst.id));
    // Encrypted at rest: the stored value is not the secret.
    expect(row?.totpSecret).toStartWith("v1.");
    expect(row?.totpSecret).not.toContain(secret);

    const browser = await passwordStep(t);
    // Half signed in is not signed in.
    expect((await withStatus(browser.get("/tokens"), 303)).headers.get("Location")).toStartWith("/login");
    expect(await textWithStatus(browser.get("/login/mfa"), 200)).toContain('name="code"');
    expect(await textWithStatus(browser.post("/login/mfa", { code: "12345" }), 401)).toContain("not valid");
    // The enrolment used this step's code; the next step's is new.
    const code = totpCode(secret, Date.now() + NEXT_STEP);
    const res = await withStatus(browser.post("/login/mfa", { code }), 303);
    expect(res.headers.get("Location")).toBe("/tokens");
    expect(browser.has("warden_at")).toBe(true);
    expect(browser.has("warden_mfa")).toBe(false);
    await withStatus(browser.get("/tokens"), 200);

    const again = await passwordStep(t);
    await withStatus(again.post("/login/mfa", { code }), 401);
    expect(again.has("warden_at")).toBe(false);
  });

  test("a recovery code signs in once, then never again", async () => {
    const t = await app();
    const { codes } = await enrolAnalyst(t);
    const code = (codes[3] as string).toUpperCase();
    const first = await passwordStep(t);
    await withStatus(first.post("/login/mfa", { code }), 303);
    expect(first.has("warden_at")).toBe(true);
    const second = await passwordStep(t);
    await withStatus(second.post("/login/mfa", { code }), 401);
    const logins = await t.database.db.select().from(auditLog).where(eq(auditLog.action, "auth.login"));
    expect(logins.at(-1)?.changes).toEqual({ via: { before: null, after: "password+recovery" } });
    const used = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "auth.mfa_recovery_used"), eq(auditLog.resourceId, t.users.analyst.id)));
    expect(used).toHaveLength(1);
    expect(await t.database.db.select().from(mfaRecoveryCodes)).toHaveLength(10);
  });

  test("wrong codes count toward the sign-in limit of the account", async () => {
    const t = await app({ auth: { loginAttemptsPerMinute: 3 } });
    const { secret } = await enrolAnalyst(t);
    const browser = await passwordStep(t);
    for (let i = 0; i < 3; i++) await withStatus(browser.post("/login/mfa", { code: "999999" }), 401);
    // Over the limit even the right code is refused, and so is the password step of that account.
    await withStatus(browser.post("/login/mfa", { code: totpCode(secret, Date.now() + NEXT_STEP) }), 429);
    await withStatus(new Browser(t).post("/login", { login: "analyst", password: TEST_PASSWORD }), 429);
    const failed = await t.database.db.select().from(auditLog).where(eq(auditLog.action, "auth.mfa_failed"));
    expect(failed.length).toBe(3);
  });

  test("five wrong codes end the half-finished sign-in", async () => {
    const t = await app({ auth: { loginAttemptsPerMinute: 100 } });
    await enrolAnalyst(t);
    const browser = await passwordStep(t);
    for (let i = 0; i < 4; i++) await withStatus(browser.post("/login/mfa", { code: "999999" }), 401);
    const last = await withStatus(browser.post("/login/mfa", { code: "999999" }), 303);
    expect(last.headers.get("Location")).toBe("/login?mfa=expired");
    expect(await textWithStatus(browser.get("/login?mfa=expired"), 200)).toContain("That sign-in step ended");
    expect((await withStatus(browser.get("/login/mfa"), 303)).headers.get("Location")).toBe("/login");
  });

  test("the API login asks for the code and takes it", async () => {
    const t = await app();
    const { secret } = await enrolAnalyst(t);
    const login = (body: Record<string, string>) =>
      t.app.request("/api/v1/auth/login", jsonInit({ login: "analyst", password: TEST_PASSWORD, ...body }));
    expect((await (await withStatus(login({}), 401)).json()).detail).toContain("code");
    await withStatus(login({ code: "000001" }), 401);
    const ok = await (
      await withStatus(login({ code: totpCode(secret, Date.now() + NEXT_STEP) }), 200)
    ).json();
    expect(ok.tokenType).toBe("Bearer");
  });

  test("turning it off asks for a current code", async () => {
    const t = await app();
    const { codes } = await enrolAnalyst(t);
    const browser = await passwordStep(t);
    await withStatus(browser.post("/login/mfa", { code: codes[0] as string }), 303);
    await withStatus(browser.post("/profile/security/totp/disable", { code: "123456" }), 422);
    await withStatus(browser.post("/profile/security/totp/disable", { code: codes[1] as string }), 303);
    const after = new Browser(t);
    await withStatus(after.post("/login", { login: "analyst", password: TEST_PASSWORD }), 303);
    expect(after.has("warden_at")).toBe(true);
  });
});

describe("a signed-in session and the app already on", () => {
  test("cannot set up another app: no new secret, and a code posted to the enrolment changes nothing", async () => {
    const t = await app();
    const { secret, codes } = await enrolAnalyst(t);
    const [before] = await t.database.db.select().from(userMfa).where(eq(userMfa.userId, t.users.analyst.id));
    const session = await passwordStep(t);
    await withStatus(session.post("/login/mfa", { code: codes[0] as string }), 303);
    const start = await withStatus(session.get("/profile/security/totp"), 302);
    expect(start.headers.get("Location")).toBe("/profile/security");
    // A code of a secret shown earlier (or any code) does not replace the app or the recovery codes.
    const refused = await textWithStatus(
      session.post("/profile/security/totp", { code: totpCode(secret) }),
      422,
    );
    expect(refused).toContain("already on. Turn it off first");
    expect(refused).toContain('data-testid="disable-form"');
    const [after] = await t.database.db.select().from(userMfa).where(eq(userMfa.userId, t.users.analyst.id));
    expect(after).toEqual(before as typeof after);
    const browser = await passwordStep(t);
    await withStatus(browser.post("/login/mfa", { code: codes[1] as string }), 303);
  });

  test("wrong current codes are audited and limited per account like sign-ins", async () => {
    const t = await app({ auth: { loginAttemptsPerMinute: 3 } });
    const { codes } = await enrolAnalyst(t);
    const browser = await passwordStep(t);
    await withStatus(browser.post("/login/mfa", { code: codes[0] as string }), 303);
    await withStatus(browser.post("/profile/security/totp/disable", { code: "123456" }), 422);
    await withStatus(browser.post("/profile/security/recovery", { code: "123456" }), 422);
    await withStatus(browser.post("/profile/security/totp/disable", { code: "654321" }), 422);
    // Over the limit even a right code is refused.
    await withStatus(browser.post("/profile/security/totp/disable", { code: codes[1] as string }), 429);
    const failed = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "auth.mfa_failed"), eq(auditLog.resourceId, t.users.analyst.id)));
    expect(failed.map((row) => row.actorId)).toEqual(Array(3).fill(t.users.analyst.id));
  });
});

describe("auth.requireMfaFor", () => {
  test("leads an admin without a second factor to enrol before anything else", async () => {
    const t = await app({ auth: { requireMfaFor: ["admin", "manager"] } });
    const browser = new Browser(t);
    const res = await withStatus(
      browser.post("/login", { login: "admin", password: TEST_PASSWORD, next: "/users" }),
      303,
    );
    expect(res.headers.get("Location")).toBe("/login/enrol");
    expect(browser.has("warden_at")).toBe(false);
    expect((await withStatus(browser.get("/users"), 303)).headers.get("Location")).toStartWith("/login");
    const secret = shownSecret(await textWithStatus(browser.get("/login/enrol"), 200));
    await withStatus(
      browser.post("/login/enrol", { code: "000000" === totpCode(secret) ? "111111" : "000000" }),
      422,
    );
    const done = await textWithStatus(browser.post("/login/enrol", { code: totpCode(secret) }), 200);
    expect(shownCodes(done)).toHaveLength(10);
    expect(done).toContain('href="/users"');
    expect(browser.has("warden_at")).toBe(true);
    await withStatus(browser.get("/users"), 200);
    // The API cannot sign in around it.
    const api = await t.app.request(
      "/api/v1/auth/login",
      jsonInit({ login: "manager", password: TEST_PASSWORD }),
    );
    expect(api.status).toBe(401);
    // Roles not listed sign in with the password alone.
    const viewer = new Browser(t);
    await withStatus(viewer.post("/login", { login: "viewer", password: TEST_PASSWORD }), 303);
    expect(viewer.has("warden_at")).toBe(true);
  });
});

describe("admin reset", () => {
  test("removes the second factor, is audited, tells the user; admins only", async () => {
    const t = await app();
    await enrolAnalyst(t);
    const path = `/api/v1/users/${t.users.analyst.id}/mfa`;
    await withStatus(t.as("manager", path, { method: "DELETE" }), 403);
    await withStatus(t.as("admin", path, { method: "DELETE" }), 204);
    expect(await t.database.db.select().from(userMfa)).toHaveLength(0);
    expect(await t.database.db.select().from(mfaRecoveryCodes)).toHaveLength(0);
    const [entry] = await t.database.db.select().from(auditLog).where(eq(auditLog.action, "auth.mfa_reset"));
    expect(entry?.resourceId).toBe(t.users.analyst.id);
    expect(entry?.changes).toEqual({
      totp: { before: true, after: false },
      passkeys: { before: 0, after: 0 },
    });
    await t.notifier.settled();
    const told = await t.database.db
      .select()
      .from(notifications)
      .where(eq(notifications.userId, t.users.analyst.id));
    expect(told.map((n) => n.type)).toEqual(["security"]);
    // Password alone again.
    const browser = new Browser(t);
    await withStatus(browser.post("/login", { login: "analyst", password: TEST_PASSWORD }), 303);
    expect(browser.has("warden_at")).toBe(true);
  });

  test("the users page's button resets through a form post", async () => {
    const t = await app();
    await enrolAnalyst(t);
    const admin = await signIn(t, "admin");
    expect(await textWithStatus(admin.get("/users"), 200)).toContain(
      `/users/${t.users.analyst.id}/mfa/reset`,
    );
    const res = await withStatus(admin.post(`/users/${t.users.analyst.id}/mfa/reset`, {}), 303);
    expect(res.headers.get("Location")).toBe(`/users?notice=mfa&id=${t.users.analyst.id}`);
    expect(await textWithStatus(admin.get(res.headers.get("Location") ?? ""), 200)).toContain(
      "Two-factor sign-in of analyst reset",
    );
    expect(await t.database.db.select().from(userMfa)).toHaveLength(0);
  });
});

describe("the profile's passkeys", () => {
  test("adding one asks the person, not only the session: the password or a current code first", async () => {
    const t = await app({ auth: { loginAttemptsPerMinute: 5 } });
    const session = await signIn(t, "analyst");
    const options = (confirm?: string) =>
      t.app.request("/profile/security/passkeys/options", {
        method: "POST",
        headers: {
          Cookie: session.cookie,
          Origin: "http://localhost",
          "Content-Type": "application/json",
        },
        body: JSON.stringify(confirm === undefined ? {} : { confirm }),
      });
    for (const confirm of [undefined, "", "not-the-password"]) {
      const refused = await withStatus(options(confirm), 422);
      expect((await refused.json()).error).toBe(
        "Confirm with your password, or a current code from your authenticator app.",
      );
    }
    const failed = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "auth.password_failed"), eq(auditLog.resourceId, t.users.analyst.id)));
    expect(failed).toHaveLength(3);
    const ok = await withStatus(options(TEST_PASSWORD), 200);
    expect((await ok.json()).challenge).toBeString();
  });

  test("rename and delete one's own passkey (audited); another user's is not found", async () => {
    const t = await app();
    // Signed in before the passkey exists (with one, the password alone opens no session).
    const analyst = await signIn(t, "analyst");
    const id = Bun.randomUUIDv7();
    await t.database.db.insert(passkeys).values({
      id,
      userId: t.users.analyst.id,
      credentialId: "cred-1",
      publicKey: "key",
      counter: 0,
      transports: ["internal"],
      deviceType: "multiDevice",
      backedUp: true,
      name: "Laptop",
      createdAt: Date.now(),
      lastUsedAt: null,
    });
    const page = await textWithStatus(analyst.get("/profile/security"), 200);
    expect(page).toContain('value="Laptop"');
    expect(page).toContain("never");
    await withStatus(analyst.post(`/profile/security/passkeys/${id}/name`, { name: " " }), 422);
    await withStatus(analyst.post(`/profile/security/passkeys/${id}/name`, { name: "Work laptop" }), 303);
    const viewer = await signIn(t, "viewer");
    await withStatus(viewer.post(`/profile/security/passkeys/${id}/delete`, {}), 404);
    expect(await textWithStatus(analyst.get("/profile/security?notice=renamed"), 200)).toContain(
      'value="Work laptop"',
    );
    await withStatus(analyst.post(`/profile/security/passkeys/${id}/delete`, {}), 303);
    expect(await t.database.db.select().from(passkeys)).toHaveLength(0);
    const entries = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.resourceId, t.users.analyst.id));
    expect(
      entries.filter((e) => e.action.startsWith("auth.passkey_")).map((e) => [e.action, e.changes]),
    ).toEqual([
      ["auth.passkey_renamed", { passkey: { before: "Laptop", after: "Work laptop" } }],
      ["auth.passkey_removed", { passkey: { before: "Work laptop", after: null } }],
    ]);
  });

  test("the two-factor page renders whole and as an htmx partial", async () => {
    const t = await app();
    const session = await signIn(t, "viewer");
    const full = await textWithStatus(session.get("/profile/security"), 200);
    expect(full).toContain("<html");
    expect(full).toContain('data-testid="totp-start"');
    const partial = await textWithStatus(session.get("/profile/security", HTMX_PARTIAL), 200);
    expect(partial).toStartWith("<title>Two-factor sign-in · Warden</title>");
  });
});
