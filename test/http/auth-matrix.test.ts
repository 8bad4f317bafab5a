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

/** A valid scan schedule (disabled: it never fires during the test). */
const SCHEDULE = { name: "Matrix", cron: "0 3 * * *", enabled: false, target: "127.0.0.1", ports: "1" };

/**
 * THE route × role table. Every route mounted under /api/v1 must have a row (a test
 * below fails otherwise), so each new route states who may call it.
 */
const CASES: Case[] = [
  { route: "GET /openapi.json", path: () => "/openapi.json", expect: everyone(200) },
  // Public auth routes: no session needed; an empty body is refused by validation for everyone.
  { route: "POST /auth/setup", path: () => "/auth/setup", init: () => jsonInit({}), expect: everyone(422) },
  { route: "POST /auth/login", path: () => "/auth/login", init: () => jsonInit({}), expect: everyone(422) },
  {
    route: "POST /auth/refresh",
    path: () => "/auth/refresh",
    init: () => jsonInit({}),
    expect: everyone(422),
  },
  { route: "POST /auth/logout", path: () => "/auth/logout", init: () => jsonInit({}), expect: everyone(422) },
  {
    route: "POST /auth/register",
    path: () => "/auth/register",
    init: () => jsonInit({}),
    expect: everyone(422),
  },
  // Not a WebSocket handshake: 426 for everyone (the gateway authenticates connections itself).
  { route: "GET /ws", path: () => "/ws", expect: everyone(426) },
  { route: "GET /auth/me", path: () => "/auth/me", expect: allowedFrom("viewer", 200) },
  {
    route: "PATCH /auth/me",
    path: () => "/auth/me",
    init: () => jsonInit({ displayName: `Me ${fresh()}` }, "PATCH"),
    expect: allowedFrom("viewer", 200),
  },
  {
    route: "POST /auth/password",
    path: () => "/auth/password",
    init: () => jsonInit({ current: "not-my-password-at-all", password: "a-brand-new-password-1" }),
    expect: allowedFrom("viewer", 422),
  },
  { route: "GET /system/status", path: () => "/system/status", expect: allowedFrom("viewer", 200) },
  { route: "GET /system", path: () => "/system", expect: allowedFrom("viewer", 200) },
  { route: "GET /metrics/current", path: () => "/metrics/current", expect: allowedFrom("viewer", 200) },
  { route: "GET /metrics/series", path: () => "/metrics/series", expect: allowedFrom("viewer", 200) },
  {
    route: "GET /metrics/history",
    path: () => `/metrics/history?series=cpu&from=${Date.now() - 3_600_000}`,
    expect: allowedFrom("viewer", 200),
  },
  { route: "GET /tokens", path: () => "/tokens", expect: allowedFrom("viewer", 200) },
  {
    route: "POST /tokens",
    path: () => "/tokens",
    init: () => jsonInit({ name: `t${fresh()}` }),
    expect: allowedFrom("viewer", 201),
  },
  {
    route: "DELETE /tokens/:id",
    path: () => "/tokens/no-such-token",
    init: () => ({ method: "DELETE" }),
    expect: allowedFrom("viewer", 404),
  },
  { route: "GET /users", path: () => "/users", expect: allowedFrom("admin", 200) },
  {
    route: "POST /users",
    path: () => "/users",
    init: () => {
      const n = fresh();
      return jsonInit({
        email: `m${n}@example.test`,
        username: `matrix${n}`,
        password: "matrix-password-123",
        role: "viewer",
      });
    },
    expect: allowedFrom("admin", 201),
  },
  { route: "GET /users/:id", path: () => `/users/${t.users.viewer.id}`, expect: allowedFrom("admin", 200) },
  {
    route: "PATCH /users/:id",
    path: () => `/users/${t.users.viewer.id}`,
    init: () => jsonInit({ displayName: `Viewer ${fresh()}` }, "PATCH"),
    expect: allowedFrom("admin", 200),
  },
  {
    route: "POST /users/:id/reset-password",
    path: () => `/users/${t.users.manager.id}/reset-password`,
    init: () => jsonInit({ password: `new-password-${fresh()}-xyz` }),
    expect: allowedFrom("admin", 204),
  },
  {
    route: "DELETE /users/:id/mfa",
    path: () => `/users/${t.users.viewer.id}/mfa`,
    init: () => ({ method: "DELETE" }),
    expect: allowedFrom("admin", 204),
  },
  { route: "GET /audit", path: () => "/audit", expect: allowedFrom("admin", 200) },
  { route: "GET /hosts", path: () => "/hosts", expect: allowedFrom("viewer", 200) },
  { route: "GET /hosts/:id", path: () => "/hosts/local", expect: allowedFrom("viewer", 200) },
  {
    route: "GET /hosts/:id/processes",
    path: () => "/hosts/local/processes",
    expect: allowedFrom("viewer", 200),
  },
  {
    route: "GET /hosts/:id/windows",
    path: () => "/hosts/no-such-host/windows",
    expect: allowedFrom("viewer", 404),
  },
  {
    route: "GET /hosts/:id/ports",
    path: () => "/hosts/local/ports",
    expect: allowedFrom("viewer", 200),
  },
  {
    route: "GET /hosts/:id/history",
    path: () => "/hosts/local/history?range=1h",
    expect: allowedFrom("viewer", 200),
  },
  {
    route: "DELETE /hosts/:id",
    path: () => "/hosts/no-such-host",
    init: () => ({ method: "DELETE" }),
    expect: allowedFrom("admin", 404),
  },
  {
    route: "GET /hosts/enrolment-tokens",
    path: () => "/hosts/enrolment-tokens",
    expect: allowedFrom("admin", 200),
  },
  {
    route: "POST /hosts/enrolment-tokens",
    path: () => "/hosts/enrolment-tokens",
    init: () => jsonInit({ name: `Matrix ${fresh()}` }),
    expect: allowedFrom("admin", 201),
  },
  {
    route: "DELETE /hosts/enrolment-tokens/:id",
    path: () => "/hosts/enrolment-tokens/no-such-token",
    init: () => ({ method: "DELETE" }),
    expect: allowedFrom("admin", 404),
  },
  // Remote actions: the local equivalents' permission first; only an admin learns the host is unknown.
  {
    route: "POST /hosts/:id/processes/:pid/signal",
    path: () => "/hosts/no-such-host/processes/4194000/signal",
    init: () => jsonInit({ signal: "TERM" }),
    expect: allowedFrom("admin", 404),
  },
  {
    route: "POST /hosts/:id/processes/:pid/renice",
    path: () => "/hosts/no-such-host/processes/4194000/renice",
    init: () => jsonInit({ nice: 5 }),
    expect: allowedFrom("admin", 404),
  },
  {
    route: "POST /hosts/:id/scans",
    path: () => "/hosts/no-such-host/scans",
    init: () => jsonInit({ target: "127.0.0.1", ports: "22" }),
    expect: allowedFrom("admin", 404),
  },
  ...(["focus", "minimize", "close"] as const).map((action) => ({
    route: `POST /hosts/:id/windows/:window/${action}`,
    path: () => `/hosts/no-such-host/windows/0x00400007/${action}`,
    init: () => ({ method: "POST" }),
    expect: allowedFrom("admin", 404),
  })),
  // Not a WebSocket handshake: 426 for everyone (agents authenticate in their hello).
  { route: "GET /agents/connect", path: () => "/agents/connect", expect: everyone(426) },
  { route: "GET /processes", path: () => "/processes?limit=5", expect: allowedFrom("viewer", 200) },
  {
    route: "GET /processes/:pid",
    path: () => `/processes/${process.pid}`,
    expect: allowedFrom("viewer", 200),
  },
  // Role first: only an admin learns that the pid does not exist.
  {
    route: "POST /processes/:pid/signal",
    path: () => "/processes/4194000/signal",
    init: () => jsonInit({ signal: "TERM" }),
    expect: allowedFrom("admin", 404),
  },
  {
    route: "POST /processes/:pid/renice",
    path: () => "/processes/4194000/renice",
    init: () => jsonInit({ nice: 5 }),
    expect: allowedFrom("admin", 404),
  },
  {
    route: "GET /network/connections",
    path: () => "/network/connections",
    expect: allowedFrom("viewer", 200),
  },
  { route: "GET /scans", path: () => "/scans", expect: allowedFrom("admin", 200) },
  {
    route: "POST /scans",
    path: () => "/scans",
    init: () => jsonInit({ target: "127.0.0.1", ports: "1", hostDiscovery: false }),
    expect: allowedFrom("admin", 202),
  },
  { route: "GET /scans/:id", path: () => "/scans/no-such-scan", expect: allowedFrom("admin", 404) },
  {
    route: "GET /scans/:id/hosts",
    path: () => "/scans/no-such-scan/hosts",
    expect: allowedFrom("admin", 404),
  },
  {
    route: "GET /scans/:id/ports",
    path: () => "/scans/no-such-scan/ports",
    expect: allowedFrom("admin", 404),
  },
  {
    route: "POST /scans/:id/cancel",
    path: () => "/scans/no-such-scan/cancel",
    init: () => ({ method: "POST" }),
    expect: allowedFrom("admin", 404),
  },
  { route: "GET /scan-schedules", path: () => "/scan-schedules", expect: allowedFrom("admin", 200) },
  {
    route: "POST /scan-schedules",
    path: () => "/scan-schedules",
    init: () => jsonInit({ ...SCHEDULE, name: `Schedule ${fresh()}` }),
    expect: allowedFrom("admin", 201),
  },
  {
    route: "GET /scan-schedules/:id",
    path: () => "/scan-schedules/no-such-schedule",
    expect: allowedFrom("admin", 404),
  },
  {
    route: "PUT /scan-schedules/:id",
    path: () => "/scan-schedules/no-such-schedule",
    init: () => jsonInit(SCHEDULE, "PUT"),
    expect: allowedFrom("admin", 404),
  },
  {
    route: "DELETE /scan-schedules/:id",
    path: () => "/scan-schedules/no-such-schedule",
    init: () => ({ method: "DELETE" }),
    expect: allowedFrom("admin", 404),
  },
  { route: "GET /windows", path: () => "/windows", expect: allowedFrom("viewer", 200) },
  { route: "GET /incidents", path: () => "/incidents", expect: allowedFrom("viewer", 200) },
  { route: "GET /incidents/export", path: () => "/incidents/export", expect: allowedFrom("viewer", 200) },
  {
    route: "POST /incidents",
    path: () => "/incidents",
    init: () => jsonInit({ title: `Matrix ${fresh()}`, severity: "low" }),
    expect: allowedFrom("analyst", 201),
  },
  // Role first: only those allowed learn that the incident does not exist.
  { route: "GET /incidents/:id", path: () => "/incidents/none", expect: allowedFrom("viewer", 404) },
  {
    route: "PATCH /incidents/:id",
    path: () => "/incidents/none",
    init: () => jsonInit({ version: 1, title: "x" }, "PATCH"),
    expect: allowedFrom("analyst", 404),
  },
  {
    route: "POST /incidents/:id/status",
    path: () => "/incidents/none/status",
    init: () => jsonInit({ status: "triage" }),
    expect: allowedFrom("analyst", 404),
  },
  {
    route: "POST /incidents/:id/comments",
    path: () => "/incidents/none/comments",
    init: () => jsonInit({ body: "x" }),
    expect: allowedFrom("analyst", 404),
  },
  {
    route: "POST /incidents/:id/links",
    path: () => "/incidents/none/links",
    init: () => jsonInit({ kind: "asset", targetId: "x" }),
    expect: allowedFrom("analyst", 404),
  },
  {
    route: "DELETE /incidents/:id/links/:kind/:targetId",
    path: () => "/incidents/none/links/asset/x",
    init: () => ({ method: "DELETE" }),
    expect: allowedFrom("analyst", 404),
  },
  {
    route: "PUT /incidents/:id/techniques",
    path: () => "/incidents/none/techniques",
    init: () => jsonInit({ techniques: [] }, "PUT"),
    expect: allowedFrom("analyst", 404),
  },
  {
    route: "DELETE /incidents/:id",
    path: () => "/incidents/none",
    init: () => ({ method: "DELETE" }),
    expect: allowedFrom("admin", 404),
  },
  {
    route: "POST /incidents/:id/restore",
    path: () => "/incidents/none/restore",
    init: () => jsonInit({}),
    expect: allowedFrom("admin", 404),
  },
  { route: "GET /soc/alerts", path: () => "/soc/alerts", expect: allowedFrom("viewer", 200) },
  { route: "GET /soc/alerts/export", path: () => "/soc/alerts/export", expect: allowedFrom("viewer", 200) },
  {
    route: "POST /soc/alerts",
    path: () => "/soc/alerts",
    init: () => jsonInit({ title: `Matrix ${fresh()}`, severity: "low" }),
    expect: allowedFrom("analyst", 201),
  },
  { route: "GET /soc/alerts/:id", path: () => "/soc/alerts/none", expect: allowedFrom("viewer", 404) },
  {
    route: "PATCH /soc/alerts/:id",
    path: () => "/soc/alerts/none",
    init: () => jsonInit({ version: 1, title: "x" }, "PATCH"),
    expect: allowedFrom("analyst", 404),
  },
  ...Object.entries({
    status: { status: "closed", version: 1 },
    escalate: { version: 1 },
    notes: { body: "x" },
  }).map(([action, body]) => ({
    route: `POST /soc/alerts/:id/${action}`,
    path: () => `/soc/alerts/none/${action}`,
    init: () => jsonInit(body),
    expect: allowedFrom("analyst", 404),
  })),
  {
    route: "DELETE /soc/alerts/:id",
    path: () => "/soc/alerts/none",
    init: () => ({ method: "DELETE" }),
    expect: allowedFrom("admin", 404),
  },
  {
    route: "POST /soc/alerts/:id/restore",
    path: () => "/soc/alerts/none/restore",
    init: () => jsonInit({}),
    expect: allowedFrom("admin", 404),
  },
  {
    route: "PUT /soc/alerts/:id/techniques",
    path: () => "/soc/alerts/none/techniques",
    init: () => jsonInit({ techniques: [] }, "PUT"),
    expect: allowedFrom("analyst", 404),
  },
  // The ATT&CK catalog: every role reads; only admins import (`control` on threats).
  { route: "GET /threats/tactics", path: () => "/threats/tactics", expect: allowedFrom("viewer", 200) },
  { route: "GET /threats/techniques", path: () => "/threats/techniques", expect: allowedFrom("viewer", 200) },
  {
    route: "GET /threats/techniques/:id",
    path: () => "/threats/techniques/T9999",
    expect: allowedFrom("viewer", 404),
  },
  {
    route: "GET /threats/mitigations",
    path: () => "/threats/mitigations",
    expect: allowedFrom("viewer", 200),
  },
  { route: "GET /threats/matrix", path: () => "/threats/matrix", expect: allowedFrom("viewer", 200) },
  {
    route: "POST /threats/attack/preview",
    path: () => "/threats/attack/preview",
    init: () => jsonInit({ type: "report" }),
    expect: allowedFrom("admin", 422),
  },
  {
    route: "POST /threats/attack/apply",
    path: () => "/threats/attack/apply",
    init: () => jsonInit({ type: "report" }),
    expect: allowedFrom("admin", 422),
  },
  // The organisation's own threats: a record kind.
  { route: "GET /threats", path: () => "/threats", expect: allowedFrom("viewer", 200) },
  { route: "GET /threats/export", path: () => "/threats/export", expect: allowedFrom("viewer", 200) },
  {
    route: "POST /threats",
    path: () => "/threats",
    init: () => jsonInit({ name: `Matrix ${fresh()}`, category: "adversary" }),
    expect: allowedFrom("analyst", 201),
  },
  { route: "GET /threats/:id", path: () => "/threats/none", expect: allowedFrom("viewer", 404) },
  {
    route: "PATCH /threats/:id",
    path: () => "/threats/none",
    init: () => jsonInit({ version: 1, name: "x" }, "PATCH"),
    expect: allowedFrom("analyst", 404),
  },
  {
    route: "DELETE /threats/:id",
    path: () => "/threats/none",
    init: () => ({ method: "DELETE" }),
    expect: allowedFrom("admin", 404),
  },
  {
    route: "POST /threats/:id/restore",
    path: () => "/threats/none/restore",
    init: () => jsonInit({}),
    expect: allowedFrom("admin", 404),
  },
  // The vendor register: a record kind with a three-state workflow.
  { route: "GET /vendors", path: () => "/vendors", expect: allowedFrom("viewer", 200) },
  { route: "GET /vendors/export", path: () => "/vendors/export", expect: allowedFrom("viewer", 200) },
  {
    route: "POST /vendors",
    path: () => "/vendors",
    init: () => jsonInit({ name: `Matrix ${fresh()}`, tier: "low", dataAccess: "none" }),
    expect: allowedFrom("analyst", 201),
  },
  { route: "GET /vendors/:id", path: () => "/vendors/none", expect: allowedFrom("viewer", 404) },
  {
    route: "PATCH /vendors/:id",
    path: () => "/vendors/none",
    init: () => jsonInit({ version: 1, name: "x" }, "PATCH"),
    expect: allowedFrom("analyst", 404),
  },
  {
    route: "POST /vendors/:id/status",
    path: () => "/vendors/none/status",
    init: () => jsonInit({ version: 1, status: "active" }),
    expect: allowedFrom("analyst", 404),
  },
  {
    route: "DELETE /vendors/:id",
    path: () => "/vendors/none",
    init: () => ({ method: "DELETE" }),
    expect: allowedFrom("admin", 404),
  },
  {
    route: "POST /vendors/:id/restore",
    path: () => "/vendors/none/restore",
    init: () => jsonInit({}),
    expect: allowedFrom("admin", 404),
  },
  // The risk register: every role reads, analysts write, managers and admins approve acceptances.
  { route: "GET /risks", path: () => "/risks", expect: allowedFrom("viewer", 200) },
  { route: "GET /risks/export", path: () => "/risks/export", expect: allowedFrom("viewer", 200) },
  { route: "GET /risks/heatmap", path: () => "/risks/heatmap", expect: allowedFrom("viewer", 200) },
  { route: "GET /risks/trend", path: () => "/risks/trend", expect: allowedFrom("viewer", 200) },
  {
    route: "POST /risks",
    path: () => "/risks",
    init: () =>
      jsonInit({
        title: `Matrix risk ${fresh()}`,
        owner: t.users.analyst.id,
        category: "technical",
        inherentLikelihood: 2,
        inherentImpact: 3,
      }),
    expect: allowedFrom("analyst", 201),
  },
  { route: "GET /risks/:id", path: () => "/risks/none", expect: allowedFrom("viewer", 404) },
  {
    route: "GET /risks/:id/suggestion",
    path: () => "/risks/none/suggestion",
    expect: allowedFrom("viewer", 404),
  },
  {
    route: "PATCH /risks/:id",
    path: () => "/risks/none",
    init: () => jsonInit({ version: 1, title: "x" }, "PATCH"),
    expect: allowedFrom("analyst", 404),
  },
  {
    route: "POST /risks/:id/status",
    path: () => "/risks/none/status",
    init: () => jsonInit({ status: "assessed", version: 1 }),
    expect: allowedFrom("analyst", 404),
  },
  {
    route: "POST /risks/:id/acceptance",
    path: () => "/risks/none/acceptance",
    init: () => jsonInit({ reason: "Cheap", expiresAt: Date.now() + 86_400_000 }),
    expect: allowedFrom("analyst", 404),
  },
  {
    route: "POST /risks/:id/acceptance/approve",
    path: () => "/risks/none/acceptance/approve",
    init: () => jsonInit({}),
    expect: allowedFrom("manager", 404),
  },
  {
    route: "POST /risks/:id/acceptance/reject",
    path: () => "/risks/none/acceptance/reject",
    init: () => jsonInit({}),
    expect: allowedFrom("analyst", 404),
  },
  {
    route: "DELETE /risks/:id",
    path: () => "/risks/none",
    init: () => ({ method: "DELETE" }),
    expect: allowedFrom("admin", 404),
  },
  {
    route: "POST /risks/:id/restore",
    path: () => "/risks/none/restore",
    init: () => jsonInit({}),
    expect: allowedFrom("admin", 404),
  },
  { route: "GET /soc/cases", path: () => "/soc/cases", expect: allowedFrom("viewer", 200) },
  { route: "GET /soc/cases/export", path: () => "/soc/cases/export", expect: allowedFrom("viewer", 200) },
  {
    route: "POST /soc/cases",
    path: () => "/soc/cases",
    init: () => jsonInit({ title: `Matrix case ${fresh()}` }),
    expect: allowedFrom("analyst", 201),
  },
  { route: "GET /soc/cases/:id", path: () => "/soc/cases/none", expect: allowedFrom("viewer", 404) },
  {
    route: "PATCH /soc/cases/:id",
    path: () => "/soc/cases/none",
    init: () => jsonInit({ version: 1, title: "x" }, "PATCH"),
    expect: allowedFrom("analyst", 404),
  },
  ...Object.entries({
    status: { status: "closed", version: 1 },
    alerts: { alertIds: ["x"] },
    notes: { body: "x" },
    escalate: { version: 1 },
  }).map(([action, body]) => ({
    route: `POST /soc/cases/:id/${action}`,
    path: () => `/soc/cases/none/${action}`,
    init: () => jsonInit(body),
    expect: allowedFrom("analyst", 404),
  })),
  {
    route: "DELETE /soc/cases/:id",
    path: () => "/soc/cases/none",
    init: () => ({ method: "DELETE" }),
    expect: allowedFrom("admin", 404),
  },
  {
    route: "POST /soc/cases/:id/restore",
    path: () => "/soc/cases/none/restore",
    init: () => jsonInit({}),
    expect: allowedFrom("admin", 404),
  },
  { route: "GET /cmdb/assets", path: () => "/cmdb/assets", expect: allowedFrom("viewer", 200) },
  { route: "GET /cmdb/assets/export", path: () => "/cmdb/assets/export", expect: allowedFrom("viewer", 200) },
  {
    route: "POST /cmdb/assets",
    path: () => "/cmdb/assets",
    init: () => jsonInit({ name: `Matrix ${fresh()}`, assetType: "server" }),
    expect: allowedFrom("analyst", 201),
  },
  // Role first: only those allowed learn that the asset does not exist.
  { route: "GET /cmdb/assets/:id", path: () => "/cmdb/assets/none", expect: allowedFrom("viewer", 404) },
  {
    route: "PATCH /cmdb/assets/:id",
    path: () => "/cmdb/assets/none",
    init: () => jsonInit({ version: 1, name: "x" }, "PATCH"),
    expect: allowedFrom("analyst", 404),
  },
  {
    route: "DELETE /cmdb/assets/:id",
    path: () => "/cmdb/assets/none",
    init: () => ({ method: "DELETE" }),
    expect: allowedFrom("admin", 404),
  },
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
  { route: "GET /vulnerabilities", path: () => "/vulnerabilities", expect: allowedFrom("viewer", 200) },
  {
    route: "GET /vulnerabilities/export",
    path: () => "/vulnerabilities/export",
    expect: allowedFrom("viewer", 200),
  },
  // A dry run: the preview, nothing written.
  {
    route: "POST /vulnerabilities/import",
    path: () => "/vulnerabilities/import",
    init: () => jsonInit({ format: "csv", content: `title,severity\nMatrix ${fresh()},low\n` }),
    expect: allowedFrom("analyst", 200),
  },
  {
    route: "POST /vulnerabilities",
    path: () => "/vulnerabilities",
    init: () => jsonInit({ title: `Matrix ${fresh()}`, severity: "low" }),
    expect: allowedFrom("analyst", 201),
  },
  // Role first: only those allowed learn that the vulnerability does not exist.
  {
    route: "GET /vulnerabilities/:id",
    path: () => "/vulnerabilities/none",
    expect: allowedFrom("viewer", 404),
  },
  {
    route: "PATCH /vulnerabilities/:id",
    path: () => "/vulnerabilities/none",
    init: () => jsonInit({ version: 1, title: "x" }, "PATCH"),
    expect: allowedFrom("analyst", 404),
  },
  {
    route: "POST /vulnerabilities/:id/status",
    path: () => "/vulnerabilities/none/status",
    init: () => jsonInit({ status: "mitigated" }),
    expect: allowedFrom("analyst", 404),
  },
  {
    route: "PUT /vulnerabilities/:id/techniques",
    path: () => "/vulnerabilities/none/techniques",
    init: () => jsonInit({ techniques: [] }, "PUT"),
    expect: allowedFrom("analyst", 404),
  },
  {
    route: "DELETE /vulnerabilities/:id",
    path: () => "/vulnerabilities/none",
    init: () => ({ method: "DELETE" }),
    expect: allowedFrom("admin", 404),
  },
  {
    route: "POST /vulnerabilities/:id/restore",
    path: () => "/vulnerabilities/none/restore",
    init: () => jsonInit({}),
    expect: allowedFrom("admin", 404),
  },
  { route: "GET /documents", path: () => "/documents", expect: allowedFrom("viewer", 200) },
  { route: "GET /documents/export", path: () => "/documents/export", expect: allowedFrom("viewer", 200) },
  {
    route: "GET /documents/acknowledgments/pending",
    path: () => "/documents/acknowledgments/pending",
    expect: allowedFrom("viewer", 200),
  },
  {
    route: "POST /documents",
    path: () => "/documents",
    init: () => jsonInit({ title: `Matrix ${fresh()}`, category: "record" }),
    expect: allowedFrom("analyst", 201),
  },
  // Role first: only those allowed learn that the document does not exist.
  { route: "GET /documents/:id", path: () => "/documents/none", expect: allowedFrom("viewer", 404) },
  {
    route: "PATCH /documents/:id",
    path: () => "/documents/none",
    init: () => jsonInit({ version: 1, title: "x" }, "PATCH"),
    expect: allowedFrom("analyst", 404),
  },
  // Approving (like publishing and archiving) needs a manager; other moves an analyst.
  {
    route: "POST /documents/:id/status",
    path: () => "/documents/none/status",
    init: () => jsonInit({ status: "approved" }),
    expect: allowedFrom("manager", 404),
  },
  {
    route: "GET /documents/:id/versions",
    path: () => "/documents/none/versions",
    expect: allowedFrom("viewer", 404),
  },
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
  {
    route: "POST /documents/:id/acknowledge",
    path: () => "/documents/none/acknowledge",
    init: () => jsonInit({}),
    expect: allowedFrom("viewer", 404),
  },
  {
    route: "GET /documents/:id/acknowledgments",
    path: () => "/documents/none/acknowledgments",
    expect: allowedFrom("viewer", 404),
  },
  {
    route: "DELETE /documents/:id",
    path: () => "/documents/none",
    init: () => ({ method: "DELETE" }),
    expect: allowedFrom("admin", 404),
  },
  {
    route: "POST /documents/:id/restore",
    path: () => "/documents/none/restore",
    init: () => jsonInit({}),
    expect: allowedFrom("admin", 404),
  },
  { route: "GET /notifications", path: () => "/notifications", expect: allowedFrom("viewer", 200) },
  { route: "GET /search", path: () => "/search?q=anything", expect: allowedFrom("viewer", 200) },
  {
    route: "GET /notifications/unread-count",
    path: () => "/notifications/unread-count",
    expect: allowedFrom("viewer", 200),
  },
  {
    route: "POST /notifications/read-all",
    path: () => "/notifications/read-all",
    init: () => ({ method: "POST" }),
    expect: allowedFrom("viewer", 200),
  },
  {
    route: "POST /notifications/:id/read",
    path: () => "/notifications/none/read",
    init: () => ({ method: "POST" }),
    expect: allowedFrom("viewer", 404),
  },
  {
    route: "GET /notifications/preferences",
    path: () => "/notifications/preferences",
    expect: allowedFrom("viewer", 200),
  },
  {
    route: "PUT /notifications/preferences",
    path: () => "/notifications/preferences",
    init: () => jsonInit({ types: {}, alertSeverities: [] }, "PUT"),
    expect: allowedFrom("viewer", 422),
  },
  {
    route: "GET /integrations/webhooks",
    path: () => "/integrations/webhooks",
    expect: allowedFrom("admin", 200),
  },
  {
    route: "POST /integrations/webhooks",
    path: () => "/integrations/webhooks",
    init: () =>
      jsonInit({
        name: `SIEM ${fresh()}`,
        url: "http://127.0.0.1:9/hook",
        secret: "a-secret-of-enough-length",
        events: ["incident.created"],
        enabled: false,
      }),
    expect: allowedFrom("admin", 201),
  },
  {
    route: "GET /integrations/webhooks/:id",
    path: () => "/integrations/webhooks/none",
    expect: allowedFrom("admin", 404),
  },
  {
    route: "PATCH /integrations/webhooks/:id",
    path: () => "/integrations/webhooks/none",
    init: () => jsonInit({ enabled: false }, "PATCH"),
    expect: allowedFrom("admin", 404),
  },
  {
    route: "DELETE /integrations/webhooks/:id",
    path: () => "/integrations/webhooks/none",
    init: () => ({ method: "DELETE" }),
    expect: allowedFrom("admin", 404),
  },
  {
    route: "POST /integrations/webhooks/:id/test",
    path: () => "/integrations/webhooks/none/test",
    init: () => ({ method: "POST" }),
    expect: allowedFrom("admin", 404),
  },
  {
    route: "GET /integrations/webhooks/:id/deliveries",
    path: () => "/integrations/webhooks/none/deliveries",
    expect: allowedFrom("admin", 404),
  },
  // The test app has no desktop session: an admin's action is a conflict, everyone else's forbidden.
  ...(["focus", "minimize", "close"] as const).map((action) => ({
    route: `POST /windows/:id/${action}`,
    path: () => `/windows/0x00400007/${action}`,
    init: () => jsonInit({}),
    expect: allowedFrom("admin", 409),
  })),
  { route: "GET /soc/rules", path: () => "/soc/rules", expect: allowedFrom("viewer", 200) },
  {
    route: "POST /soc/rules",
    path: () => "/soc/rules",
    init: () =>
      jsonInit({
        name: `Matrix ${fresh()}`,
        condition: { type: "metric", series: "load1", operator: ">", threshold: 1000 },
      }),
    expect: allowedFrom("manager", 201),
  },
  // Role first: only those allowed learn that the rule does not exist.
  { route: "GET /soc/rules/:id", path: () => "/soc/rules/none", expect: allowedFrom("viewer", 404) },
  {
    route: "PATCH /soc/rules/:id",
    path: () => "/soc/rules/none",
    init: () => jsonInit({ version: 1, name: "x" }, "PATCH"),
    expect: allowedFrom("manager", 404),
  },
  {
    route: "DELETE /soc/rules/:id",
    path: () => "/soc/rules/none",
    init: () => ({ method: "DELETE" }),
    expect: allowedFrom("manager", 404),
  },
  {
    route: "POST /soc/rules/:id/test",
    path: () => "/soc/rules/default-cpu/test",
    init: () => ({ method: "POST" }),
    expect: allowedFrom("manager", 200),
  },
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
