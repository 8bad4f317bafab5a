import { describe, expect } from "bun:test";
import { refusedFields } from "../helpers/answers.ts";
import { jsonInit, TEST_PASSWORD } from "../helpers/app.ts";
import { appTest } from "../helpers/app-test.ts";

const admin = { email: "root@example.test", username: "root", password: "first-admin-password" };

describe("first run", () => {
  appTest(
    "setup creates the first admin once; afterwards 409 and nothing is created",
    { seed: false },
    async (t) => {
      const res = await t.as(null, "/api/v1/auth/setup", jsonInit(admin));
      expect(res.status).toBe(201);
      expect(await res.json()).toMatchObject({ username: "root", role: "admin", isActive: true });
      const again = await t.as(
        null,
        "/api/v1/auth/setup",
        jsonInit({ ...admin, email: "b@example.test", username: "bbb" }),
      );
      expect(again.status).toBe(409);
      const count = await t.database.client.execute("SELECT COUNT(*) AS n FROM users");
      expect(Number(count.rows[0]?.n)).toBe(1);
    },
  );

  appTest("concurrent setups: exactly one wins", { seed: false }, async (t) => {
    const results = await Promise.all(
      [1, 2, 3].map((i) =>
        t.as(
          null,
          "/api/v1/auth/setup",
          jsonInit({ ...admin, email: `r${i}@example.test`, username: `root${i}` }),
        ),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
  });

  appTest(
    "anonymous pages go to /setup while no user exists, then to /login?next=…",
    { seed: false },
    async (t) => {
      const first = await t.as(null, "/");
      expect(first.status).toBe(303);
      expect(first.headers.get("Location")).toBe("/setup");
      await t.as(null, "/api/v1/auth/setup", jsonInit(admin));
      const later = await t.as(null, "/nowhere?x=1");
      expect(later.status).toBe(303);
      expect(later.headers.get("Location")).toBe(`/login?next=${encodeURIComponent("/nowhere?x=1")}`);
      const htmx = await t.as(null, "/", { headers: { "HX-Request": "true" } });
      expect(htmx.headers.get("HX-Redirect")).toBe("/login");
      expect((await t.as(null, "/api/v1/users")).status).toBe(401);
    },
  );
});

describe("registration", () => {
  appTest("is off by default (404)", async (t) => {
    const res = await t.as(
      null,
      "/api/v1/auth/register",
      jsonInit({ email: "n@example.test", username: "newbie", password: "a-long-password-1" }),
    );
    expect(res.status).toBe(404);
  });

  appTest(
    "when on: viewers only, and a taken address answers exactly like a new one",
    { config: { auth: { allowRegistration: true } } },
    async (t) => {
      const body = { email: "n@example.test", username: "newbie", password: "a-long-password-1" };
      // A role cannot be asked for: the field is refused, not dropped.
      const promoted = await t.as(null, "/api/v1/auth/register", jsonInit({ ...body, role: "admin" }));
      expect(promoted.status).toBe(422);
      expect((await promoted.json()).errors.map((e: { field: string }) => e.field)).toEqual(["role"]);
      const fresh = await t.as(null, "/api/v1/auth/register", jsonInit(body));
      const taken = await t.as(
        null,
        "/api/v1/auth/register",
        jsonInit({ ...body, email: "viewer@example.test" }),
      );
      expect(fresh.status).toBe(202);
      expect(taken.status).toBe(202);
      expect(await fresh.json()).toEqual(await taken.json());
      const row = await t.database.client.execute("SELECT role FROM users WHERE username = 'newbie'");
      expect(String(row.rows[0]?.role)).toBe("viewer");
      const bad = await t.as(
        null,
        "/api/v1/auth/register",
        jsonInit({ ...body, email: "x@example.test", username: "x2", password: "short" }),
      );
      expect(bad.status).toBe(422);
    },
  );
});

/** The middle value of `values`. */
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

describe("registration timing", () => {
  appTest(
    "a taken address takes as long as a new one (medians within a factor of 2)",
    { config: { auth: { allowRegistration: true } }, timeout: 30_000 },
    async (t) => {
      const timed = async (email: string, username: string) => {
        const started = performance.now();
        const res = await t.as(
          null,
          "/api/v1/auth/register",
          jsonInit({ email, username, password: "a-long-password-1" }),
        );
        const ms = performance.now() - started;
        expect(res.status).toBe(202);
        return ms;
      };
      const taken: number[] = [];
      const fresh: number[] = [];
      // Interleaved, so a machine that slows down meanwhile slows both alike; round 0 warms up.
      for (let i = 0; i <= 9; i++) {
        const a = await timed("viewer@example.test", `taken${i}`);
        const b = await timed(`new${i}@example.test`, `fresh${i}`);
        if (i === 0) continue;
        taken.push(a);
        fresh.push(b);
      }
      const [slow, quick] = [Math.max(median(taken), median(fresh)), Math.min(median(taken), median(fresh))];
      expect(slow / quick).toBeLessThan(2);
    },
  );
});

describe("password policy", () => {
  appTest("short, very common, and name-like passwords are refused with a field error", async (t) => {
    for (const password of ["short-pw", "password1234", "Password1234", "aaaaaaaaaaaaaa", "policyuser"]) {
      const res = await t.as(
        "admin",
        "/api/v1/users",
        jsonInit({ email: "p@example.test", username: "policyuser", password }),
      );
      expect(res.status).toBe(422);
      const problem = await res.json();
      expect(problem.errors.map((e: { field: string }) => e.field)).toContain("password");
    }
  });

  appTest(
    "the password policy is reported together with every other field problem",
    { seed: false },
    async (t) => {
      const res = t.as(
        null,
        "/api/v1/auth/setup",
        jsonInit({ email: "bad", username: "A B", password: "password1234" }),
      );
      expect(await refusedFields(res)).toEqual(["email", "password", "username"]);
    },
  );

  appTest("a taken username and a weak password are reported in the same answer", async (t) => {
    const res = await t.as(
      "admin",
      "/api/v1/users",
      jsonInit({ email: "viewer@example.test", username: "analyst", password: "short" }),
    );
    expect(res.status).toBe(422);
    const errors = (await res.json()).errors as { field: string; message: string }[];
    expect(errors.map((e) => e.field).sort()).toEqual(["email", "password", "username"]);
    expect(errors.find((e) => e.field === "username")?.message).toBe("This username is already taken.");
  });

  appTest("invalid fields are listed one by one", async (t) => {
    const res = t.as(
      "admin",
      "/api/v1/users",
      jsonInit({ email: "nope", username: "A B", password: "x", role: "root" }),
    );
    expect(await refusedFields(res)).toEqual(["email", "role", "username"]);
  });
});

describe("the last active admin", () => {
  appTest("can be neither demoted nor deactivated; with a second admin it can", async (t) => {
    const id = t.users.admin.id;
    for (const patch of [{ role: "viewer" }, { isActive: false }]) {
      const res = await t.as("admin", `/api/v1/users/${id}`, jsonInit(patch, "PATCH"));
      expect(res.status).toBe(409);
    }
    const row = await t.database.client.execute({
      sql: "SELECT role, is_active FROM users WHERE id = ?",
      args: [id],
    });
    expect(row.rows[0]).toMatchObject({ role: "admin", is_active: 1 });
    await t.as("admin", `/api/v1/users/${t.users.manager.id}`, jsonInit({ role: "admin" }, "PATCH"));
    expect((await t.as("admin", `/api/v1/users/${id}`, jsonInit({ role: "viewer" }, "PATCH"))).status).toBe(
      200,
    );
  });
});

describe("CSRF", () => {
  appTest(
    "a cookie-authenticated request from another site is refused; from our origin it passes",
    async (t) => {
      const pair = await (
        await t.as(null, "/api/v1/auth/login", jsonInit({ login: "viewer", password: TEST_PASSWORD }))
      ).json();
      const cookie = `warden_at=${pair.accessToken}; warden_rt=${pair.refreshToken}`;
      const post = (headers: Record<string, string>) =>
        t.app.request("/api/v1/tokens", jsonInit({ name: "csrf" }, "POST", { Cookie: cookie, ...headers }));
      expect((await post({ Origin: "https://evil.example" })).status).toBe(403);
      expect((await post({ "Sec-Fetch-Site": "cross-site" })).status).toBe(403);
      expect((await post({})).status).toBe(403);
      expect((await post({ Origin: "http://localhost" })).status).toBe(201);
      expect((await post({ "Sec-Fetch-Site": "same-origin" })).status).toBe(201);
    },
  );

  appTest("a cross-site form post to the sign-in page is refused", async (t) => {
    const form = new URLSearchParams({ login: "viewer", password: TEST_PASSWORD });
    const res = await t.app.request("/login", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "https://evil.example" },
      body: form,
    });
    expect(res.status).toBe(403);
  });
});

describe("sign-in rate limit", () => {
  appTest(
    "429 with Retry-After after repeated failures from one address, even with the right password",
    { config: { auth: { loginAttemptsPerMinute: 5 } } },
    async (t) => {
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) {
        statuses.push(
          (await t.as(null, "/api/v1/auth/login", jsonInit({ login: `u${i}`, password: "wrong-password-x" })))
            .status,
        );
      }
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
      const right = await t.as(
        null,
        "/api/v1/auth/login",
        jsonInit({ login: "viewer", password: TEST_PASSWORD }),
      );
      expect(right.status).toBe(429);
      expect(Number(right.headers.get("Retry-After"))).toBeGreaterThan(0);
    },
  );

  appTest(
    "failures against one account are limited across addresses",
    { config: { auth: { loginAttemptsPerMinute: 5 }, server: { trustProxy: true } } },
    async (t) => {
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) {
        const init = jsonInit({ login: "analyst", password: "wrong-password-x" }, "POST", {
          "X-Forwarded-For": `127.0.0.${i + 2}`,
        });
        statuses.push((await t.as(null, "/api/v1/auth/login", init)).status);
      }
      expect(statuses.at(-1)).toBe(429);
      const other = jsonInit({ login: "viewer", password: TEST_PASSWORD }, "POST", {
        "X-Forwarded-For": "127.0.0.99",
      });
      expect((await t.as(null, "/api/v1/auth/login", other)).status).toBe(200);
    },
  );

  appTest(
    "successful sign-ins do not count",
    { config: { auth: { loginAttemptsPerMinute: 3 } } },
    async (t) => {
      for (let i = 0; i < 5; i++) {
        expect(
          (await t.as(null, "/api/v1/auth/login", jsonInit({ login: "viewer", password: TEST_PASSWORD })))
            .status,
        ).toBe(200);
      }
    },
  );
});

describe("audit API", () => {
  appTest(
    "filters by action and resource, newest first, paginated; the trail has no write routes",
    async (t) => {
      await t.as("admin", `/api/v1/users/${t.users.viewer.id}`, jsonInit({ displayName: "Vera" }, "PATCH"));
      await t.as("admin", `/api/v1/users/${t.users.analyst.id}`, jsonInit({ displayName: "Ana" }, "PATCH"));
      const page = await (await t.as("admin", "/api/v1/audit?action=user.update&pageSize=1")).json();
      expect(page.total).toBe(2);
      expect(page.items).toHaveLength(1);
      expect(page.items[0]).toMatchObject({
        action: "user.update",
        resourceId: t.users.analyst.id,
        actorType: "user",
      });
      expect(page.items[0].changes).toEqual({ displayName: { before: "The analyst", after: "Ana" } });
      const byResource = await (
        await t.as("admin", `/api/v1/audit?resourceType=user&resourceId=${t.users.viewer.id}`)
      ).json();
      expect(byResource.items.map((i: { action: string }) => i.action)).toEqual(["user.update"]);
      for (const method of ["POST", "PATCH", "DELETE", "PUT"]) {
        const res = await t.as("admin", `/api/v1/audit/${page.items[0].id}`, { method });
        expect(res.status).toBe(404);
      }
    },
  );
});
