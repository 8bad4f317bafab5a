import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { ROLES, type Role } from "../../src/db/schema/users.ts";
import { can } from "../../src/kit/rbac.ts";
import { API_BASE } from "../../src/lib/api-path.ts";
import type { RegisteredRoute } from "../../src/lib/api-router.ts";
import { PUBLIC_PATHS } from "../../src/middleware/auth.ts";
import { createTestApp, jsonInit, type TestApp } from "../helpers/app.ts";
import { LOOPBACK_ALLOWED } from "../helpers/receivers.ts";

type Who = Role | "anonymous";
const WHO: Who[] = ["anonymous", ...ROLES];

/** One API route, how to call it, and the status each kind of caller gets. */
interface Case {
  route: string;
  path: () => string;
  init?: () => RequestInit;
  expect: Record<Who, number>;
}

let t: TestApp;
let seq = 0;
const fresh = () => ++seq;

/** Status for every role, from the lowest role that is allowed. */
function allowedFrom(lowest: Role, ok: number, anonymous = 401): Record<Who, number> {
  const rank = ROLES.indexOf(lowest);
  return Object.fromEntries([
    ["anonymous", anonymous],
    ...ROLES.map((r) => [r, ROLES.indexOf(r) <= rank ? ok : 403]),
  ]) as Record<Who, number>;
}
const everyone = (status: number): Record<Who, number> =>
  Object.fromEntries(WHO.map((w) => [w, status])) as Record<Who, number>;

/** What a {@link row} sends: values for the route's `:params` (`id` is `none` unless given), and the request `init` makes. */
interface RowRequest {
  params?: Record<string, string | (() => string)>;
  init?: () => RequestInit;
}

/**
 * A row for `route` ("METHOD /path/:param"), called at its path with each `:param` as `params`
 * says (`:id` the record `none`, which does not exist, unless they say otherwise); with the
 * request `init` makes, else a bare one of the route's method.
 */
function row(route: string, expect: Record<Who, number>, { params = {}, init }: RowRequest = {}): Case {
  const [method = "GET", pattern = ""] = route.split(" ");
  const value = (name: string) => {
    const given = params[name] ?? (name === "id" ? "none" : undefined);
    if (given === undefined) throw new Error(`${route}: no value for :${name}`);
    return typeof given === "function" ? given() : given;
  };
  return {
    route,
    path: () => pattern.replace(/:(\w+)/g, (_, name: string) => value(name)),
    init: init ?? (method === "GET" ? undefined : () => ({ method })),
    expect,
  };
}

/**
 * A {@link row} on the record `none`, which does not exist: 404 to the roles from `lowest` up
 * (role first: only those allowed learn that it does not exist), 403 to the others; `body` sent
 * as JSON with the route's method when given.
 */
function missing(route: string, lowest: Role, body?: unknown): Case {
  const method = route.split(" ")[0];
  return row(route, allowedFrom(lowest, 404), {
    init: body === undefined ? undefined : () => jsonInit(body, method),
  });
}

/** A record kind whose routes {@link recordKindRows} lists. */
interface RecordKind {
  /** Its collection, e.g. `/incidents`. */
  base: string;
  /** A new record's body (analysts create). */
  create: () => unknown;
  /** The field its records are named by, which an edit changes. */
  named: "title" | "name";
  /** Its further routes, listed after the edit. */
  more?: Case[];
  /** `false` when a deleted record is gone for good (no restore route). */
  restore?: false;
}

/**
 * The rows of every record kind: the list and its export (every role), create (analysts), and
 * on the record `none`, which does not exist, read (every role) and edit against a version
 * (analysts), then the kind's `more`, then delete and restore (admins).
 */
function recordKindRows(kind: RecordKind): Case[] {
  const { base } = kind;
  return [
    row(`GET ${base}`, allowedFrom("viewer", 200)),
    row(`GET ${base}/export`, allowedFrom("viewer", 200)),
    row(`POST ${base}`, allowedFrom("analyst", 201), { init: () => jsonInit(kind.create()) }),
    missing(`GET ${base}/:id`, "viewer"),
    missing(`PATCH ${base}/:id`, "analyst", { version: 1, [kind.named]: "x" }),
    ...(kind.more ?? []),
    missing(`DELETE ${base}/:id`, "admin"),
    ...(kind.restore === false ? [] : [missing(`POST ${base}/:id/restore`, "admin", {})]),
  ];
}

/** A valid scan schedule (disabled: it never fires during the test). */
const SCHEDULE = { name: "Matrix", cron: "0 3 * * *", enabled: false, target: "127.0.0.1", ports: "1" };

/**
 * THE route × role table. Every route mounted under /api/v1 must have a row (a test
 * below fails otherwise), so each new route states who may call it.
 */
const CASES: Case[] = [
  row("GET /openapi.json", everyone(200)),
  // Public auth routes: no session needed; an empty body is refused by validation for everyone.
  row("POST /auth/setup", everyone(422), { init: () => jsonInit({}) }),
  row("POST /auth/login", everyone(422), { init: () => jsonInit({}) }),
  row("POST /auth/refresh", everyone(422), { init: () => jsonInit({}) }),
  row("POST /auth/logout", everyone(422), { init: () => jsonInit({}) }),
  row("POST /auth/register", everyone(422), { init: () => jsonInit({}) }),
  // Not a WebSocket handshake: 426 for everyone (the gateway authenticates connections itself).
  row("GET /ws", everyone(426)),
  row("GET /auth/me", allowedFrom("viewer", 200)),
  row("PATCH /auth/me", allowedFrom("viewer", 200), {
    init: () => jsonInit({ displayName: `Me ${fresh()}` }, "PATCH"),
  }),
  row("POST /auth/password", allowedFrom("viewer", 422), {
    init: () => jsonInit({ current: "not-my-password-at-all", password: "a-brand-new-password-1" }),
  }),
  row("GET /system/status", allowedFrom("viewer", 200)),
  row("GET /system", allowedFrom("viewer", 200)),
  row("GET /metrics/current", allowedFrom("viewer", 200)),
  row("GET /metrics/series", allowedFrom("viewer", 200)),
  {
    route: "GET /metrics/history",
    path: () => `/metrics/history?series=cpu&from=${Date.now() - 3_600_000}`,
    expect: allowedFrom("viewer", 200),
  },
  row("GET /tokens", allowedFrom("viewer", 200)),
  row("POST /tokens", allowedFrom("viewer", 201), { init: () => jsonInit({ name: `t${fresh()}` }) }),
  row("DELETE /tokens/:id", allowedFrom("viewer", 404), { params: { id: "no-such-token" } }),
  row("GET /users", allowedFrom("admin", 200)),
  row("POST /users", allowedFrom("admin", 201), {
    init: () => {
      const n = fresh();
      return jsonInit({
        email: `m${n}@example.test`,
        username: `matrix${n}`,
        password: "matrix-password-123",
        role: "viewer",
      });
    },
  }),
  row("GET /users/:id", allowedFrom("admin", 200), { params: { id: () => t.users.viewer.id } }),
  row("PATCH /users/:id", allowedFrom("admin", 200), {
    params: { id: () => t.users.viewer.id },
    init: () => jsonInit({ displayName: `Viewer ${fresh()}` }, "PATCH"),
  }),
  row("POST /users/:id/reset-password", allowedFrom("admin", 204), {
    params: { id: () => t.users.manager.id },
    init: () => jsonInit({ password: `new-password-${fresh()}-xyz` }),
  }),
  row("DELETE /users/:id/mfa", allowedFrom("admin", 204), { params: { id: () => t.users.viewer.id } }),
  row("GET /audit", allowedFrom("admin", 200)),
  row("GET /hosts", allowedFrom("viewer", 200)),
  row("GET /hosts/:id", allowedFrom("viewer", 200), { params: { id: "local" } }),
  row("GET /hosts/:id/processes", allowedFrom("viewer", 200), { params: { id: "local" } }),
  row("GET /hosts/:id/windows", allowedFrom("viewer", 404), { params: { id: "no-such-host" } }),
  row("GET /hosts/:id/ports", allowedFrom("viewer", 200), { params: { id: "local" } }),
  {
    route: "GET /hosts/:id/history",
    path: () => "/hosts/local/history?range=1h",
    expect: allowedFrom("viewer", 200),
  },
  row("DELETE /hosts/:id", allowedFrom("admin", 404), { params: { id: "no-such-host" } }),
  row("GET /hosts/enrolment-tokens", allowedFrom("admin", 200)),
  row("POST /hosts/enrolment-tokens", allowedFrom("admin", 201), {
    init: () => jsonInit({ name: `Matrix ${fresh()}` }),
  }),
  row("DELETE /hosts/enrolment-tokens/:id", allowedFrom("admin", 404), { params: { id: "no-such-token" } }),
  // Remote actions: the local equivalents' permission first; only an admin learns the host is unknown.
  row("POST /hosts/:id/processes/:pid/signal", allowedFrom("admin", 404), {
    params: { id: "no-such-host", pid: "4194000" },
    init: () => jsonInit({ signal: "TERM" }),
  }),
  row("POST /hosts/:id/processes/:pid/renice", allowedFrom("admin", 404), {
    params: { id: "no-such-host", pid: "4194000" },
    init: () => jsonInit({ nice: 5 }),
  }),
  row("POST /hosts/:id/scans", allowedFrom("admin", 404), {
    params: { id: "no-such-host" },
    init: () => jsonInit({ target: "127.0.0.1", ports: "22" }),
  }),
  ...(["focus", "minimize", "close"] as const).map((action) => ({
    route: `POST /hosts/:id/windows/:window/${action}`,
    path: () => `/hosts/no-such-host/windows/0x00400007/${action}`,
    init: () => ({ method: "POST" }),
    expect: allowedFrom("admin", 404),
  })),
  // Not a WebSocket handshake: 426 for everyone (agents authenticate in their hello).
  row("GET /agents/connect", everyone(426)),
  { route: "GET /processes", path: () => "/processes?limit=5", expect: allowedFrom("viewer", 200) },
  row("GET /processes/:pid", allowedFrom("viewer", 200), { params: { pid: String(process.pid) } }),
  // Role first: only an admin learns that the pid does not exist.
  row("POST /processes/:pid/signal", allowedFrom("admin", 404), {
    params: { pid: "4194000" },
    init: () => jsonInit({ signal: "TERM" }),
  }),
  row("POST /processes/:pid/renice", allowedFrom("admin", 404), {
    params: { pid: "4194000" },
    init: () => jsonInit({ nice: 5 }),
  }),
  row("GET /network/connections", allowedFrom("viewer", 200)),
  row("GET /scans", allowedFrom("admin", 200)),
  row("POST /scans", allowedFrom("admin", 202), {
    init: () => jsonInit({ target: "127.0.0.1", ports: "1", hostDiscovery: false }),
  }),
  row("GET /scans/:id", allowedFrom("admin", 404), { params: { id: "no-such-scan" } }),
  row("GET /scans/:id/hosts", allowedFrom("admin", 404), { params: { id: "no-such-scan" } }),
  row("GET /scans/:id/ports", allowedFrom("admin", 404), { params: { id: "no-such-scan" } }),
  row("POST /scans/:id/cancel", allowedFrom("admin", 404), { params: { id: "no-such-scan" } }),
  row("GET /scan-schedules", allowedFrom("admin", 200)),
  row("POST /scan-schedules", allowedFrom("admin", 201), {
    init: () => jsonInit({ ...SCHEDULE, name: `Schedule ${fresh()}` }),
  }),
  row("GET /scan-schedules/:id", allowedFrom("admin", 404), { params: { id: "no-such-schedule" } }),
  row("PUT /scan-schedules/:id", allowedFrom("admin", 404), {
    params: { id: "no-such-schedule" },
    init: () => jsonInit(SCHEDULE, "PUT"),
  }),
  row("DELETE /scan-schedules/:id", allowedFrom("admin", 404), { params: { id: "no-such-schedule" } }),
  row("GET /windows", allowedFrom("viewer", 200)),
  ...recordKindRows({
    base: "/incidents",
    create: () => ({ title: `Matrix ${fresh()}`, severity: "low" }),
    named: "title",
    more: [
      missing("POST /incidents/:id/status", "analyst", { status: "triage" }),
      missing("POST /incidents/:id/comments", "analyst", { body: "x" }),
      missing("POST /incidents/:id/links", "analyst", { kind: "asset", targetId: "x" }),
      {
        route: "DELETE /incidents/:id/links/:kind/:targetId",
        path: () => "/incidents/none/links/asset/x",
        init: () => ({ method: "DELETE" }),
        expect: allowedFrom("analyst", 404),
      },
      missing("PUT /incidents/:id/techniques", "analyst", { techniques: [] }),
    ],
  }),
  ...recordKindRows({
    base: "/soc/alerts",
    create: () => ({ title: `Matrix ${fresh()}`, severity: "low" }),
    named: "title",
    more: [
      missing("POST /soc/alerts/:id/status", "analyst", { status: "closed", version: 1 }),
      missing("POST /soc/alerts/:id/escalate", "analyst", { version: 1 }),
      missing("POST /soc/alerts/:id/notes", "analyst", { body: "x" }),
      missing("PUT /soc/alerts/:id/techniques", "analyst", { techniques: [] }),
    ],
  }),
  // The ATT&CK catalog: every role reads; only admins import (`control` on threats).
  row("GET /threats/tactics", allowedFrom("viewer", 200)),
  row("GET /threats/techniques", allowedFrom("viewer", 200)),
  row("GET /threats/techniques/:id", allowedFrom("viewer", 404), { params: { id: "T9999" } }),
  row("GET /threats/mitigations", allowedFrom("viewer", 200)),
  row("GET /threats/matrix", allowedFrom("viewer", 200)),
  row("POST /threats/attack/preview", allowedFrom("admin", 422), {
    init: () => jsonInit({ type: "report" }),
  }),
  row("POST /threats/attack/apply", allowedFrom("admin", 422), { init: () => jsonInit({ type: "report" }) }),
  // The organisation's own threats: a record kind.
  ...recordKindRows({
    base: "/threats",
    create: () => ({ name: `Matrix ${fresh()}`, category: "adversary" }),
    named: "name",
  }),
  // The vendor register: a record kind with a three-state workflow.
  ...recordKindRows({
    base: "/vendors",
    create: () => ({ name: `Matrix ${fresh()}`, tier: "low", dataAccess: "none" }),
    named: "name",
    more: [missing("POST /vendors/:id/status", "analyst", { version: 1, status: "active" })],
  }),
  // The risk register: every role reads, analysts write, managers and admins approve acceptances.
  ...recordKindRows({
    base: "/risks",
    create: () => ({
      title: `Matrix risk ${fresh()}`,
      owner: t.users.analyst.id,
      category: "technical",
      inherentLikelihood: 2,
      inherentImpact: 3,
    }),
    named: "title",
    more: [
      row("GET /risks/heatmap", allowedFrom("viewer", 200)),
      row("GET /risks/trend", allowedFrom("viewer", 200)),
      missing("GET /risks/:id/suggestion", "viewer"),
      missing("POST /risks/:id/status", "analyst", { status: "assessed", version: 1 }),
      row("POST /risks/:id/acceptance", allowedFrom("analyst", 404), {
        init: () => jsonInit({ reason: "Cheap", expiresAt: Date.now() + 86_400_000 }),
      }),
      missing("POST /risks/:id/acceptance/approve", "manager", {}),
      missing("POST /risks/:id/acceptance/reject", "analyst", {}),
    ],
  }),
  ...recordKindRows({
    base: "/soc/cases",
    create: () => ({ title: `Matrix case ${fresh()}` }),
    named: "title",
    more: [
      missing("POST /soc/cases/:id/status", "analyst", { status: "closed", version: 1 }),
      missing("POST /soc/cases/:id/alerts", "analyst", { alertIds: ["x"] }),
      missing("POST /soc/cases/:id/notes", "analyst", { body: "x" }),
      missing("POST /soc/cases/:id/escalate", "analyst", { version: 1 }),
    ],
  }),
  // Assets are deleted for good: no restore.
  ...recordKindRows({
    base: "/cmdb/assets",
    create: () => ({ name: `Matrix ${fresh()}`, assetType: "server" }),
    named: "name",
    more: [
      {
        route: "POST /cmdb/assets/:id/dependencies/:otherId",
        path: () => "/cmdb/assets/none/dependencies/other",
        init: () => ({ method: "POST" }),
        expect: allowedFrom("analyst", 404),
      },
      {
        route: "DELETE /cmdb/assets/:id/dependencies/:otherId",
        path: () => "/cmdb/assets/none/dependencies/other",
        init: () => ({ method: "DELETE" }),
        expect: allowedFrom("analyst", 404),
      },
    ],
    restore: false,
  }),
  ...recordKindRows({
    base: "/vulnerabilities",
    create: () => ({ title: `Matrix ${fresh()}`, severity: "low" }),
    named: "title",
    more: [
      // A dry run: the preview, nothing written.
      row("POST /vulnerabilities/import", allowedFrom("analyst", 200), {
        init: () => jsonInit({ format: "csv", content: `title,severity\nMatrix ${fresh()},low\n` }),
      }),
      missing("POST /vulnerabilities/:id/status", "analyst", { status: "mitigated" }),
      missing("PUT /vulnerabilities/:id/techniques", "analyst", { techniques: [] }),
    ],
  }),
  ...recordKindRows({
    base: "/documents",
    create: () => ({ title: `Matrix ${fresh()}`, category: "record" }),
    named: "title",
    more: [
      row("GET /documents/acknowledgments/pending", allowedFrom("viewer", 200)),
      // Approving (like publishing and archiving) needs a manager; other moves an analyst.
      missing("POST /documents/:id/status", "manager", { status: "approved" }),
      missing("GET /documents/:id/versions", "viewer"),
      {
        route: "GET /documents/:id/versions/:n",
        path: () => "/documents/none/versions/1",
        expect: allowedFrom("viewer", 404),
      },
      {
        route: "GET /documents/:id/diff",
        path: () => "/documents/none/diff?from=1&to=2",
        expect: allowedFrom("viewer", 404),
      },
      missing("POST /documents/:id/acknowledge", "viewer", {}),
      missing("GET /documents/:id/acknowledgments", "viewer"),
    ],
  }),
  row("GET /notifications", allowedFrom("viewer", 200)),
  { route: "GET /search", path: () => "/search?q=anything", expect: allowedFrom("viewer", 200) },
  row("GET /notifications/unread-count", allowedFrom("viewer", 200)),
  row("POST /notifications/read-all", allowedFrom("viewer", 200)),
  row("POST /notifications/:id/read", allowedFrom("viewer", 404)),
  row("GET /notifications/preferences", allowedFrom("viewer", 200)),
  row("PUT /notifications/preferences", allowedFrom("viewer", 422), {
    init: () => jsonInit({ types: {}, alertSeverities: [] }, "PUT"),
  }),
  row("GET /integrations/webhooks", allowedFrom("admin", 200)),
  row("POST /integrations/webhooks", allowedFrom("admin", 201), {
    init: () =>
      jsonInit({
        name: `SIEM ${fresh()}`,
        url: "http://127.0.0.1:9/hook",
        secret: "a-secret-of-enough-length",
        events: ["incident.created"],
        enabled: false,
      }),
  }),
  row("GET /integrations/webhooks/:id", allowedFrom("admin", 404)),
  row("PATCH /integrations/webhooks/:id", allowedFrom("admin", 404), {
    init: () => jsonInit({ enabled: false }, "PATCH"),
  }),
  row("DELETE /integrations/webhooks/:id", allowedFrom("admin", 404)),
  row("POST /integrations/webhooks/:id/test", allowedFrom("admin", 404)),
  row("GET /integrations/webhooks/:id/deliveries", allowedFrom("admin", 404)),
  // The test app has no desktop session: an admin's action is a conflict, everyone else's forbidden.
  ...(["focus", "minimize", "close"] as const).map((action) => ({
    route: `POST /windows/:id/${action}`,
    path: () => `/windows/0x00400007/${action}`,
    init: () => jsonInit({}),
    expect: allowedFrom("admin", 409),
  })),
  row("GET /soc/rules", allowedFrom("viewer", 200)),
  row("POST /soc/rules", allowedFrom("manager", 201), {
    init: () =>
      jsonInit({
        name: `Matrix ${fresh()}`,
        condition: { type: "metric", series: "load1", operator: ">", threshold: 1000 },
      }),
  }),
  // Role first: only those allowed learn that the rule does not exist.
  row("GET /soc/rules/:id", allowedFrom("viewer", 404)),
  row("PATCH /soc/rules/:id", allowedFrom("manager", 404), {
    init: () => jsonInit({ version: 1, name: "x" }, "PATCH"),
  }),
  row("DELETE /soc/rules/:id", allowedFrom("manager", 404)),
  row("POST /soc/rules/:id/test", allowedFrom("manager", 200), { params: { id: "default-cpu" } }),
  // Search: any signed-in role; each role's hits are only of kinds it reads (test/http/search.test.ts).
  { route: "GET /search", path: () => "/search?q=phishing", expect: allowedFrom("viewer", 200) },
];

beforeAll(async () => {
  t = await createTestApp({
    desktop: { display: null, xauthority: null },
    // The matrix sends more API requests per role than a minute's default allowance.
    rateLimit: { groups: { api: { maxPerIp: 100_000, maxPerUser: 100_000 } } },
    ...LOOPBACK_ALLOWED,
  });
  t.metrics.start();
});
afterAll(() => {
  t.metrics.stop();
  t.close();
});

describe("route × role matrix", () => {
  test("every mounted /api/v1 route has a row in the table", () => {
    const mounted = new Set(
      t.app.routes
        .filter((r) => r.path.startsWith(API_BASE) && r.method !== "ALL")
        .map((r) => `${r.method} ${r.path.slice(API_BASE.length)}`),
    );
    const listed = new Set(CASES.map((c) => c.route));
    expect([...mounted].filter((r) => !listed.has(r))).toEqual([]);
    expect([...listed].filter((r) => !mounted.has(r))).toEqual([]);
  });

  test("routes declared public are exactly the public /api/v1 paths of the auth middleware", () => {
    const declared = t
      .apiRoutes()
      .filter((r) => r.spec.public)
      .map((r) => `${API_BASE}${r.path}`);
    const listed = [...PUBLIC_PATHS].filter((p) => p.startsWith(API_BASE));
    expect(declared.sort()).toEqual(listed.sort());
  });

  for (const c of CASES) {
    for (const who of WHO) {
      test(`${c.route} as ${who} → ${c.expect[who]}`, async () => {
        const res = await t.as(who === "anonymous" ? null : who, `${API_BASE}${c.path()}`, c.init?.());
        expect(res.status).toBe(c.expect[who]);
        if (res.status >= 400) expect(res.headers.get("Content-Type")).toBe("application/problem+json");
      });
    }
  }
});

describe("the permission is decided before the input is read", () => {
  /** The request a route gets with everything wrong: params, an unknown query parameter, a bad body. */
  const invalid = (route: RegisteredRoute, body: string) => {
    const path = `${API_BASE}${route.path.replace(/:\w+/g, "not-valid")}?zzUnknownParam=1`;
    const init: RequestInit = { method: route.method.toUpperCase() };
    if (route.spec.body)
      return { path, init: { ...init, headers: { "Content-Type": "application/json" }, body } };
    return { path, init };
  };

  for (const role of ROLES) {
    test(`${role}: every route whose declared permission the role lacks is 403 on invalid input`, async () => {
      const actor = { type: "user", id: "x", label: role, role } as const;
      const denied = t
        .apiRoutes()
        .filter(
          (r) =>
            typeof r.spec.permission === "object" &&
            !can(actor, r.spec.permission.action, r.spec.permission.resource),
        );
      if (role === "admin") expect(denied).toEqual([]);
      else expect(denied.length).toBeGreaterThan(0);
      const failures: string[] = [];
      for (const route of denied) {
        for (const body of ['{"zzUnknownField": 1}', "{ not json"]) {
          const { path, init } = invalid(route, body);
          const res = await t.as(role, path, init);
          if (res.status !== 403) failures.push(`${route.method} ${route.path} (${body}) → ${res.status}`);
        }
      }
      expect(failures).toEqual([]);
    });
  }

  test("a viewer creating a user gets 403 whether the e-mail is taken or new", async () => {
    for (const email of ["admin@example.test", "brand-new@example.test"]) {
      const res = await t.as(
        "viewer",
        `${API_BASE}/users`,
        jsonInit({ email, username: `u${fresh()}`, password: "matrix-password-123", role: "viewer" }),
      );
      expect(res.status).toBe(403);
      expect((await res.json()).detail).toBe("Your role does not allow create on users.");
    }
  });
});
