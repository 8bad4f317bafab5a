import { describe, expect, test } from "bun:test";
import { sign } from "hono/jwt";
import { REFRESH_REUSE_GRACE_MS } from "../../src/modules/auth/sessions.ts";
import { createTestApp, jsonInit, TEST_PASSWORD, useTestApp } from "../helpers/app.ts";
import { expectContains } from "../helpers/expect-text.ts";

const t = useTestApp();

const secret = () => t.config.get().security.jwtSecret as string;
const me = (token: string) =>
  t.app.request("/api/v1/auth/me", { headers: { Authorization: `Bearer ${token}` } });
const login = (loginName: string, password = TEST_PASSWORD) =>
  t.as(null, "/api/v1/auth/login", jsonInit({ login: loginName, password }));
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

describe("login", () => {
  test("by username or email (any case) returns a bearer pair and the user", async () => {
    for (const name of ["analyst", "ANALYST@example.test"]) {
      const res = await login(name);
      expect(res.status).toBe(200);
      const body = await res.json();
      expect(body).toMatchObject({
        tokenType: "Bearer",
        expiresIn: 900,
        user: { username: "analyst", role: "analyst" },
      });
      expect(body.user.passwordHash).toBeUndefined();
      expect((await me(body.accessToken)).status).toBe(200);
    }
  });

  test("wrong password and unknown user: the same 401 in about the same time", async () => {
    // An app of its own: six failed sign-ins would count against this file's sign-in limit.
    const app = await createTestApp({ auth: { loginAttemptsPerMinute: 100 } });
    try {
      const time = async (name: string) => {
        const started = performance.now();
        const res = await app.as(
          null,
          "/api/v1/auth/login",
          jsonInit({ login: name, password: "not-the-password-at-all" }),
        );
        return { ms: performance.now() - started, res };
      };
      // The fastest of three tries of each: one try can stall on a loaded machine, but none
      // can be faster than the password check it must make (a missed check is ~100× faster).
      const fastest = async (name: string) => {
        const tries = [await time(name), await time(name), await time(name)];
        return tries.reduce((a, b) => (b.ms < a.ms ? b : a));
      };
      await time("nobody-here");
      const wrong = await fastest("viewer");
      const unknown = await fastest("nobody-here");
      expect(wrong.res.status).toBe(401);
      expect(unknown.res.status).toBe(401);
      const [a, b] = [await wrong.res.json(), await unknown.res.json()];
      expect(a.detail).toBe(b.detail);
      expect(a.title).toBe(b.title);
      expect(unknown.ms / wrong.ms).toBeGreaterThan(0.4);
      expect(unknown.ms / wrong.ms).toBeLessThan(2.5);
    } finally {
      await app.close();
    }
  });

  test("a bcrypt hash is accepted once and replaced by argon2id", async () => {
    const hash = await Bun.password.hash("legacy-password-99", { algorithm: "bcrypt", cost: 4 });
    await t.database.client.execute({
      sql: "UPDATE users SET password_hash = ? WHERE username = 'manager'",
      args: [hash],
    });
    expect((await login("manager", "legacy-password-99")).status).toBe(200);
    const row = await t.database.client.execute("SELECT password_hash FROM users WHERE username = 'manager'");
    expect(String(row.rows[0]?.password_hash)).toStartWith("$argon2id$");
    expect((await login("manager", "legacy-password-99")).status).toBe(200);
  });

  test("every attempt is audited with the request's address facts", async () => {
    await login("viewer", "wrong-wrong-wrong");
    const rows = await t.database.client.execute(
      "SELECT action, actor_label, request_id FROM audit_log WHERE action LIKE 'auth.login%' ORDER BY at",
    );
    const actions = rows.rows.map((r) => String(r.action));
    expectContains(actions, ["auth.login", "auth.login_failed"]);
    expect(rows.rows.every((r) => r.request_id !== null)).toBe(true);
  });
});

describe("access tokens: only valid HS256 tokens of this server", () => {
  const claims = () => {
    const now = Math.floor(Date.now() / 1000);
    return {
      sub: t.users.admin.id,
      sid: crypto.randomUUID(),
      role: "admin",
      ver: 0,
      iat: now,
      exp: now + 600,
      jti: crypto.randomUUID(),
    };
  };

  test("a correctly signed token works (control)", async () => {
    expect((await me(await sign(claims(), secret(), "HS256"))).status).toBe(200);
  });

  test("alg none is refused", async () => {
    const token = `${b64({ alg: "none", typ: "JWT" })}.${b64(claims())}.`;
    expect((await me(token)).status).toBe(401);
  });

  test("another algorithm with the same secret is refused", async () => {
    expect((await me(await sign(claims(), secret(), "HS512"))).status).toBe(401);
  });

  test("a tampered payload (bad signature) is refused", async () => {
    const [h, , s] = (await sign(claims(), secret(), "HS256")).split(".");
    const forged = `${h}.${b64({ ...claims(), sub: t.users.admin.id, role: "admin" })}.${s}`;
    expect((await me(forged)).status).toBe(401);
  });

  test("an expired token is refused", async () => {
    const c = claims();
    expect(
      (await me(await sign({ ...c, iat: c.iat - 1200, exp: c.iat - 600 }, secret(), "HS256"))).status,
    ).toBe(401);
  });

  test("a token signed with another secret is refused", async () => {
    expect((await me(await sign(claims(), "another-secret-of-enough-length-000000", "HS256"))).status).toBe(
      401,
    );
  });

  test("garbage is refused", async () => {
    for (const token of ["abc", "a.b.c", `${b64({ alg: "HS256" })}.e30.`])
      expect((await me(token)).status).toBe(401);
  });
});

/** Moves the use of every used refresh token back past the grace in which it may be presented again. */
async function ageUsedRefreshTokens(): Promise<void> {
  await t.database.client.execute({
    sql: "UPDATE refresh_tokens SET used_at = used_at - ? WHERE used_at IS NOT NULL",
    args: [REFRESH_REUSE_GRACE_MS + 1000],
  });
}

describe("refresh tokens", () => {
  test("requests renewing with the same token at once each get a pair of the same session, no reuse", async () => {
    const first = await (await login("viewer")).json();
    const renew = () => t.as(null, "/api/v1/auth/refresh", jsonInit({ refreshToken: first.refreshToken }));
    const answers = await Promise.all([renew(), renew(), renew()]);
    expect(answers.map((res) => res.status)).toEqual([200, 200, 200]);
    const pairs = (await Promise.all(answers.map((res) => res.json()))) as {
      accessToken: string;
      refreshToken: string;
    }[];
    expect(new Set(pairs.map((p) => p.refreshToken)).size).toBe(3);
    for (const pair of pairs) expect((await me(pair.accessToken)).status).toBe(200);
    const audit = await t.database.client.execute(
      "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'auth.refresh_reuse'",
    );
    expect(Number(audit.rows[0]?.n)).toBe(0);
  });

  test("a replay from another user agent within the grace is a leak at once: the session ends, audited", async () => {
    const first = await (await login("viewer")).json();
    const renew = (agent: string) =>
      t.as(
        null,
        "/api/v1/auth/refresh",
        jsonInit({ refreshToken: first.refreshToken }, "POST", { "User-Agent": agent }),
      );
    // The sign-in above sent no User-Agent header of its own kind; the owner renews as it did.
    const owner = await renew("");
    expect(owner.status).toBe(200);
    const pair = (await owner.json()) as { accessToken: string };
    expect((await renew("thief/1.0")).status).toBe(401);
    expect((await me(pair.accessToken)).status).toBe(401);
    const audit = await t.database.client.execute(
      "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'auth.refresh_reuse'",
    );
    expect(Number(audit.rows[0]?.n)).toBeGreaterThan(0);
  });

  test("rotate on use; reusing one revokes the whole family", async () => {
    const first = await (await login("viewer")).json();
    const second = await (
      await t.as(null, "/api/v1/auth/refresh", jsonInit({ refreshToken: first.refreshToken }))
    ).json();
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect((await me(second.accessToken)).status).toBe(200);

    await ageUsedRefreshTokens();
    const reuse = await t.as(null, "/api/v1/auth/refresh", jsonInit({ refreshToken: first.refreshToken }));
    expect(reuse.status).toBe(401);
    const afterReuse = await t.as(
      null,
      "/api/v1/auth/refresh",
      jsonInit({ refreshToken: second.refreshToken }),
    );
    expect(afterReuse.status).toBe(401);
    const audit = await t.database.client.execute(
      "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'auth.refresh_reuse'",
    );
    expect(Number(audit.rows[0]?.n)).toBeGreaterThan(0);
  });

  test("logout revokes the family", async () => {
    const pair = await (await login("analyst")).json();
    expect(
      (await t.as(null, "/api/v1/auth/logout", jsonInit({ refreshToken: pair.refreshToken }))).status,
    ).toBe(204);
    expect(
      (await t.as(null, "/api/v1/auth/refresh", jsonInit({ refreshToken: pair.refreshToken }))).status,
    ).toBe(401);
  });

  test("after logout the session's access tokens are refused at once, also after a restart", async () => {
    const pair = await (await login("admin")).json();
    const rotated = await (
      await t.as(null, "/api/v1/auth/refresh", jsonInit({ refreshToken: pair.refreshToken }))
    ).json();
    const other = await (await login("admin")).json();
    expect((await me(pair.accessToken)).status).toBe(200);
    expect(
      (await t.as(null, "/api/v1/auth/logout", jsonInit({ refreshToken: rotated.refreshToken }))).status,
    ).toBe(204);
    // Both access tokens of the signed-out session end; another sign-in of the same user stays.
    expect((await me(pair.accessToken)).status).toBe(401);
    expect((await me(rotated.accessToken)).status).toBe(401);
    expect((await me(other.accessToken)).status).toBe(200);

    const restarted = await createTestApp({}, { dir: t.dir });
    try {
      const again = (token: string) =>
        restarted.app.request("/api/v1/auth/me", { headers: { Authorization: `Bearer ${token}` } });
      expect((await again(rotated.accessToken)).status).toBe(401);
      expect((await again(other.accessToken)).status).toBe(200);
    } finally {
      await restarted.close();
    }
  });

  test("reusing a refresh token ends the access tokens of its session", async () => {
    const pair = await (await login("viewer")).json();
    await t.as(null, "/api/v1/auth/refresh", jsonInit({ refreshToken: pair.refreshToken }));
    expect((await me(pair.accessToken)).status).toBe(200);
    await ageUsedRefreshTokens();
    await t.as(null, "/api/v1/auth/refresh", jsonInit({ refreshToken: pair.refreshToken }));
    expect((await me(pair.accessToken)).status).toBe(401);
  });

  test("an expired refresh token is refused", async () => {
    const pair = await (await login("analyst")).json();
    await t.database.client.execute(
      "UPDATE refresh_tokens SET expires_at = 1 WHERE used_at IS NULL AND revoked_at IS NULL",
    );
    expect(
      (await t.as(null, "/api/v1/auth/refresh", jsonInit({ refreshToken: pair.refreshToken }))).status,
    ).toBe(401);
  });
});

describe("changes apply on the very next request", () => {
  test("deactivation ends an access token at once, and the user cannot sign in", async () => {
    const victim = await createUser("deact");
    const pair = await (await login("deact", "deactivation-pass-1")).json();
    expect((await me(pair.accessToken)).status).toBe(200);
    const res = await t.as("admin", `/api/v1/users/${victim.id}`, jsonInit({ isActive: false }, "PATCH"));
    expect(res.status).toBe(200);
    expect((await me(pair.accessToken)).status).toBe(401);
    expect(
      (await t.as(null, "/api/v1/auth/refresh", jsonInit({ refreshToken: pair.refreshToken }))).status,
    ).toBe(401);
    expect((await login("deact", "deactivation-pass-1")).status).toBe(401);
  });

  test("a role change ends tokens issued under the old role", async () => {
    const user = await createUser("promoted");
    const pair = await (await login("promoted", "deactivation-pass-1")).json();
    await t.as("admin", `/api/v1/users/${user.id}`, jsonInit({ role: "admin" }, "PATCH"));
    expect((await me(pair.accessToken)).status).toBe(401);
    const fresh = await (await login("promoted", "deactivation-pass-1")).json();
    expect(fresh.user.role).toBe("admin");
    expect(
      (await t.app.request("/api/v1/users", { headers: { Authorization: `Bearer ${fresh.accessToken}` } }))
        .status,
    ).toBe(200);
  });
});

describe("personal API tokens", () => {
  test("act with the owner's role until revoked; the secret is shown once and stored hashed", async () => {
    const created = await t.as("analyst", "/api/v1/tokens", jsonInit({ name: "ci", expiresInDays: 30 }));
    expect(created.status).toBe(201);
    const token = await created.json();
    expect(token.token).toStartWith("wdn_");
    expect(created.headers.get("Location")).toBe(`/api/v1/tokens/${token.id}`);
    const stored = await t.database.client.execute("SELECT token_hash FROM api_tokens");
    expect(stored.rows.some((r) => String(r.token_hash) === token.token)).toBe(false);

    const self = await me(token.token);
    expect(self.status).toBe(200);
    expect((await self.json()).role).toBe("analyst");
    expect(
      (await t.app.request("/api/v1/users", { headers: { Authorization: `Bearer ${token.token}` } })).status,
    ).toBe(403);

    const listed = await (await t.as("analyst", "/api/v1/tokens")).json();
    expect(listed.find((x: { id: string }) => x.id === token.id)).toMatchObject({
      name: "ci",
      prefix: token.token.slice(0, 10),
    });
    expect(JSON.stringify(listed)).not.toContain(token.token);

    expect((await t.as("viewer", `/api/v1/tokens/${token.id}`, { method: "DELETE" })).status).toBe(404);
    expect((await t.as("analyst", `/api/v1/tokens/${token.id}`, { method: "DELETE" })).status).toBe(204);
    expect((await me(token.token)).status).toBe(401);
  });

  test("an expired token is refused", async () => {
    const token = await (
      await t.as("viewer", "/api/v1/tokens", jsonInit({ name: "short", expiresInDays: 1 }))
    ).json();
    expect((await me(token.token)).status).toBe(200);
    await t.database.client.execute({
      sql: "UPDATE api_tokens SET expires_at = 1 WHERE id = ?",
      args: [token.id],
    });
    expect((await me(token.token)).status).toBe(401);
  });
});

describe("API tokens end with the password, and only a signed-in person mints them", () => {
  const tokenOf = async (role: "viewer" | "analyst" | "manager" | "admin", name: string) =>
    (await (await t.as(role, "/api/v1/tokens", jsonInit({ name }))).json()) as { id: string; token: string };
  const revokeAudits = async (id: string) =>
    Number(
      (
        await t.database.client.execute({
          sql: "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'token.revoke' AND resource_id = ?",
          args: [id],
        })
      ).rows[0]?.n,
    );

  test("an API token cannot create an API token (403); a signed-in session can", async () => {
    const { token } = await tokenOf("viewer", "parent");
    const minted = await t.app.request(
      "/api/v1/tokens",
      jsonInit({ name: "child" }, "POST", { Authorization: `Bearer ${token}` }),
    );
    expect(minted.status).toBe(403);
    expect((await minted.json()).detail).toContain("An API token cannot create API tokens");
    const listed = (await (await t.as("viewer", "/api/v1/tokens")).json()) as { name: string }[];
    expect(listed.map((x) => x.name)).not.toContain("child");
  });

  test("changing one's password revokes one's API tokens (audited), unless keepApiTokens is true", async () => {
    await createUser("pat");
    const pair = await (await login("pat", "deactivation-pass-1")).json();
    const as = (init: RequestInit) => {
      const headers = new Headers(init.headers);
      headers.set("Authorization", `Bearer ${pair.accessToken}`);
      return { ...init, headers };
    };
    const token = await (await t.app.request("/api/v1/tokens", as(jsonInit({ name: "ci" })))).json();
    expect((await me(token.token)).status).toBe(200);
    const kept = await t.app.request(
      "/api/v1/auth/password",
      as(jsonInit({ current: "deactivation-pass-1", password: "pat-second-pass-2", keepApiTokens: true })),
    );
    expect(kept.status).toBe(204);
    expect((await me(token.token)).status).toBe(200);

    const again = await (await login("pat", "pat-second-pass-2")).json();
    const changed = await t.app.request(
      "/api/v1/auth/password",
      jsonInit({ current: "pat-second-pass-2", password: "pat-third-pass-3" }, "POST", {
        Authorization: `Bearer ${again.accessToken}`,
      }),
    );
    expect(changed.status).toBe(204);
    expect((await me(token.token)).status).toBe(401);
    expect(await revokeAudits(token.id)).toBe(1);
  });

  test("wrong current passwords are audited and limited per account like sign-ins", async () => {
    const limited = await createTestApp({ auth: { loginAttemptsPerMinute: 3 } });
    try {
      const token = await limited.tokenFor("analyst");
      const change = (current: string) =>
        limited.app.request(
          "/api/v1/auth/password",
          jsonInit({ current, password: "analyst-new-pass-9" }, "POST", { Authorization: `Bearer ${token}` }),
        );
      for (let i = 0; i < 3; i++) expect((await change(`wrong-${i}`)).status).toBe(422);
      // Over the limit even the right password is refused, and the password stays.
      expect((await change(TEST_PASSWORD)).status).toBe(429);
      const failed = await limited.database.client.execute({
        sql: "SELECT actor_id FROM audit_log WHERE action = 'auth.password_failed'",
        args: [],
      });
      expect(failed.rows.map((row) => row.actor_id)).toEqual(Array(3).fill(limited.users.analyst.id));
    } finally {
      await limited.close();
    }
  });

  test("an admin's password reset revokes the user's API tokens (audited), unless keepApiTokens is true", async () => {
    const first = await tokenOf("analyst", "kept");
    const reset = (body: unknown) =>
      t.as("admin", `/api/v1/users/${t.users.analyst.id}/reset-password`, jsonInit(body));
    expect((await reset({ password: "analyst-reset-pass-1", keepApiTokens: true })).status).toBe(204);
    expect((await me(first.token)).status).toBe(200);
    expect((await reset({ password: "analyst-reset-pass-2" })).status).toBe(204);
    expect((await me(first.token)).status).toBe(401);
    expect(await revokeAudits(first.id)).toBe(1);
  });
});

async function createUser(username: string) {
  const res = await t.as(
    "admin",
    "/api/v1/users",
    jsonInit({
      email: `${username}@example.test`,
      username,
      password: "deactivation-pass-1",
      role: "viewer",
    }),
  );
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string };
}
