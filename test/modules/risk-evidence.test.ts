/**
 * The evidence-based likelihood suggestion of a risk: records seeded through the real
 * services and API (assets, vulnerabilities, alerts, incidents, technique links; scans as
 * the runner stores them), then the suggestion read for a risk's links. Deleted records,
 * false positives and records on other assets do not count; no evidence is level 1 with a
 * reason saying so.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { Role } from "../../src/db/schema/users.ts";
import { type Actor, systemActor } from "../../src/kit/actor.ts";
import {
  type SuggestionAnswer,
  suggestionAnswer,
  suggestionAnswerOf,
  suggestionFor,
} from "../../src/modules/risks/evidence.ts";
import { likelihoodFor } from "../../src/modules/risks/evidence-points.ts";
import { scanPorts } from "../../src/modules/scans/ports-schema.ts";
import { scans } from "../../src/modules/scans/schema.ts";
import { raiseAlert } from "../../src/modules/soc/alert-raising.ts";
import { resolveTechniques } from "../../src/modules/threats/catalog.ts";
import { ensureAttackCatalog } from "../../src/modules/threats/shipped-catalog.ts";
import { createdAs, createTestApp, jsonInit, type TestApp } from "../helpers/app.ts";

const DAY = 86_400_000;
let t: TestApp;
const ids = { web: "", other: "", quiet: "", vuln: "", incident: "", alert: "", listening: "", scan: "" };
let bruteForce: string;

async function created(role: "analyst" | "admin", path: string, body: unknown): Promise<{ id: string }> {
  return createdAs(t, role, `/api/v1${path}`, body);
}

async function scan(id: string, at: number, ports: [host: string, port: number, service: string | null][]) {
  const base = { target: "10.0.0.0/24", ports: "top100", concurrency: 10, connectTimeoutMs: 500 };
  await t.database.db
    .insert(scans)
    .values({ ...base, id, hostDiscovery: false, status: "completed", createdAt: at, finishedAt: at });
  await t.database.db
    .insert(scanPorts)
    .values(ports.map(([host, port, service]) => ({ scanId: id, host, port, service, foundAt: at })));
}

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  await ensureAttackCatalog({ db });
  [bruteForce] = (await resolveTechniques(db, ["T1110"])) as [string];
  const now = Date.now();
  const server = async (name: string, ip: string) =>
    (
      await created("analyst", "/cmdb/assets", {
        name,
        assetType: "server",
        hostname: `${name}.example.test`,
        ipAddresses: [ip],
      })
    ).id;
  ids.web = await server("web-01", "10.0.0.5");
  ids.other = await server("other-01", "10.0.0.9");
  ids.quiet = (await created("analyst", "/cmdb/assets", { name: "quiet-01", assetType: "server" })).id;

  // An overdue critical on web-01 (critical SLA: 7 days), a high one elsewhere, a deleted one.
  ids.vuln = (
    await created("analyst", "/vulnerabilities", {
      cveId: "CVE-2024-1234",
      title: "Remote code execution",
      cvssVector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
      discoveredAt: now - 19 * DAY - 3_600_000,
      assetIds: [ids.web],
    })
  ).id;
  await created("analyst", "/vulnerabilities", {
    title: "Elsewhere",
    severity: "high",
    assetIds: [ids.other],
  });
  const gone = await created("analyst", "/vulnerabilities", {
    title: "Deleted",
    severity: "critical",
    assetIds: [ids.web],
  });
  expect((await t.as("admin", `/api/v1/vulnerabilities/${gone.id}`, { method: "DELETE" })).status).toBe(204);

  // Alerts: one on web-01 (host named in another case) naming a sub-technique; one elsewhere;
  // a deleted one and a false positive on web-01; a scan's alert (its port counts, not it).
  ids.alert = (
    await created("analyst", "/soc/alerts", {
      title: "Password spraying",
      severity: "medium",
      host: "WEB-01.example.test",
      techniques: ["T1110.003"],
    })
  ).id;
  await created("analyst", "/soc/alerts", { title: "Elsewhere", severity: "critical", host: "10.0.0.9" });
  const deleted = await created("analyst", "/soc/alerts", {
    title: "Deleted",
    severity: "critical",
    host: "10.0.0.5",
    techniques: ["T1110"],
  });
  expect((await t.as("admin", `/api/v1/soc/alerts/${deleted.id}`, { method: "DELETE" })).status).toBe(204);
  const mistaken = await created("analyst", "/soc/alerts", {
    title: "Mistake",
    severity: "high",
    host: "10.0.0.5",
  });
  const moved = await t.as(
    "analyst",
    `/api/v1/soc/alerts/${mistaken.id}/status`,
    jsonInit({ status: "false_positive", version: 1 }),
  );
  expect(moved.status).toBe(200);
  const deps = { db, bus: t.bus };
  await raiseAlert(
    deps,
    { title: "New open port 3389/tcp on 10.0.0.5", severity: "medium", source: "scan", host: "10.0.0.5" },
    systemActor("scanner"),
  );
  // A port rule's alert on the host Warden watches, as the rule engine raises it.
  ids.listening = (
    await raiseAlert(
      deps,
      {
        title: "New listener: tcp 0.0.0.0:4444",
        severity: "high",
        source: "rule",
        host: "web-01.example.test",
        dedupKey: "rule:r1:tcp:0.0.0.0:4444",
        context: { socket: { protocol: "tcp", address: "0.0.0.0", port: 4444, pid: 1, process: "nc" } },
      },
      systemActor("rules"),
    )
  ).alert.id;

  // Incidents: one on web-01 naming the technique, one elsewhere, a deleted one on web-01.
  ids.incident = (await created("analyst", "/incidents", { title: "Intrusion", severity: "high" })).id;
  await t.as(
    "analyst",
    `/api/v1/incidents/${ids.incident}/links`,
    jsonInit({ kind: "asset", targetId: ids.web }),
  );
  const put = await t.as(
    "analyst",
    `/api/v1/incidents/${ids.incident}/techniques`,
    jsonInit({ techniques: ["T1110"] }, "PUT"),
  );
  expect(put.status).toBe(200);
  const elsewhere = await created("analyst", "/incidents", { title: "Elsewhere", severity: "critical" });
  await t.as(
    "analyst",
    `/api/v1/incidents/${elsewhere.id}/links`,
    jsonInit({ kind: "asset", targetId: ids.other }),
  );
  const removed = await created("analyst", "/incidents", { title: "Deleted", severity: "critical" });
  await t.as(
    "analyst",
    `/api/v1/incidents/${removed.id}/links`,
    jsonInit({ kind: "asset", targetId: ids.web }),
  );
  expect((await t.as("admin", `/api/v1/incidents/${removed.id}`, { method: "DELETE" })).status).toBe(204);

  // Scans of the subnet: 3389 newly open on web-01 (22 was open before); 8080 on other-01;
  // 443 was newly open in a scan older than the window.
  await scan("s-ancient", now - 200 * DAY, [["10.0.0.1", 1, null]]);
  await scan("s-old", now - 120 * DAY, [
    ["10.0.0.5", 22, "ssh"],
    ["10.0.0.5", 443, "https"],
  ]);
  await scan("s-before", now - 10 * DAY, [
    ["10.0.0.5", 22, "ssh"],
    ["10.0.0.5", 443, "https"],
  ]);
  ids.scan = "s-now";
  await scan("s-now", now - 4 * DAY, [
    ["10.0.0.5", 22, "ssh"],
    ["10.0.0.5", 3389, "ms-wbt-server"],
    ["10.0.0.9", 8080, "http-alt"],
  ]);
});
afterAll(() => t.close());

/** The suggestion as the API answers it (sentences in English). */
const suggest = async (assetIds: string[], techniqueIds: string[], levels = 5, current: number | null = 2) =>
  suggestionAnswerOf(
    await suggestionFor(
      { db: t.database.db },
      { assetIds, techniqueIds, levels, current, actor: actorOf("admin") },
    ),
  );

const actorOf = (role: Role): Actor => ({ type: "user", id: t.users[role].id, label: role, role });

const byKind = (s: SuggestionAnswer, kind: string) => s.reasons.filter((r) => r.kind === kind);

describe("likelihood suggestion", () => {
  test("weighs the evidence on the linked assets and techniques, each reason with its points and link", async () => {
    const s = await suggest([ids.web], [bruteForce]);
    expect(suggestionAnswer.parse(s)).toEqual(s);
    // Each reason with its points and link, most points first. The alert named a sub-technique,
    // the incident the technique; the deleted alert is left out.
    expect(s.reasons.map((r) => [r.kind, r.points, r.link])).toEqual([
      ["vulnerability", 16, `/vulnerabilities/${ids.vuln}`],
      ["incident", 7, `/incidents/${ids.incident}`],
      ["technique", 4, "/threats/techniques/T1110"],
      ["port", 3, `/network/scans/${ids.scan}`],
      ["listening_port", 3, `/soc/${ids.listening}`],
      ["alert", 2, `/soc/${ids.alert}`],
    ]);
    expect(s.reasons.map((r) => r.text)).toEqual([
      "CVE-2024-1234 (CVSS 9.8, critical) open on web-01, 12 days overdue",
      "Incident “Intrusion” (high, new) on web-01, detected today",
      "T1110 Brute Force named by 1 alert and 1 incident in the last 90 days",
      "Port 3389/tcp (ms-wbt-server) newly open on 10.0.0.5 (web-01) in a scan 4 days ago",
      "New listening port tcp 0.0.0.0:4444 on web-01.example.test (web-01), seen today",
      "Alert “Password spraying” (medium, new) on web-01.example.test (web-01), seen today",
    ]);
    expect(s).toMatchObject({ points: 35, likelihood: 5, current: 2, levels: 5, windowDays: 90 });
    expect(s.rule).toContain("each started 10 points add a level, up to 5 at 40 points");
  });

  test("the same points on other scales; a closed vulnerability stops counting", async () => {
    expect((await suggest([ids.web], [bruteForce], 3)).likelihood).toBe(3);
    expect((await suggest([ids.web], [], 10)).likelihood).toBe(likelihoodFor(31, 10));
    expect(likelihoodFor(31, 10)).toBe(8);
    const mitigated = await t.as(
      "analyst",
      `/api/v1/vulnerabilities/${ids.vuln}/status`,
      jsonInit({ status: "mitigated", version: 1 }),
    );
    expect(mitigated.status).toBe(200);
    const s = await suggest([ids.web], [bruteForce]);
    expect(byKind(s, "vulnerability")).toEqual([]);
    expect(s).toMatchObject({ points: 19, likelihood: 3 });
  });

  test("records on other assets count only for those assets", async () => {
    const s = await suggest([ids.other], []);
    expect(s.reasons.map((r) => [r.kind, r.points])).toEqual([
      ["incident", 10],
      ["vulnerability", 5],
      ["alert", 4],
      ["port", 3],
    ]);
    // 22 points: 21–30 is level 4 of 5.
    expect(s.likelihood).toBe(4);
  });

  test("no evidence: level 1 with a reason saying so", async () => {
    const quiet = await suggest([ids.quiet], [], 5, null);
    expect(quiet).toMatchObject({ likelihood: 1, current: null, points: 0 });
    expect(quiet.reasons).toEqual([
      {
        kind: "none",
        text: "No open vulnerabilities, new ports, alerts or incidents on the linked assets, and no sightings of the linked techniques, in the last 90 days.",
        points: 0,
        link: null,
      },
    ]);
    const unlinked = await suggest([], []);
    expect(unlinked.likelihood).toBe(1);
    expect(unlinked.reasons[0]?.text).toBe("No linked assets or techniques: there is no evidence to weigh.");
    // An asset that does not exist (deleted meanwhile) adds nothing.
    expect((await suggest(["no-such-asset"], [])).likelihood).toBe(1);
  });

  test("evidence a role cannot read counts the same, without its details", async () => {
    const admin = await suggest([ids.web], [bruteForce]);
    const viewer = suggestionAnswerOf(
      await suggestionFor(
        { db: t.database.db },
        { assetIds: [ids.web], techniqueIds: [bruteForce], levels: 5, current: 2, actor: actorOf("viewer") },
      ),
    );
    expect(viewer.likelihood).toBe(admin.likelihood);
    expect(viewer.points).toBe(admin.points);
    expect(byKind(viewer, "port")).toEqual([
      {
        kind: "port",
        text: "A port newly open in a scan of a linked asset (your role cannot read scans)",
        points: 3,
        link: null,
      },
    ]);
    expect(byKind(viewer, "vulnerability")).toEqual(byKind(admin, "vulnerability"));
  });
});
