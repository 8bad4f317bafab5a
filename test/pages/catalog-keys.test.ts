/**
 * Pages build some message keys at run time (the shared record components name keys after
 * their module, states and severities come from data), which the literal-key test in
 * test/lib/i18n.test.ts cannot see. A missing key renders as the key itself, so this test
 * renders every page of the record modules and of the host views, in states that use
 * those keys (lists with rows, forms with errors, detail pages, deleted lists), and looks
 * for any text that is still a key.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { ensureAttackCatalog } from "../../src/modules/threats/shipped-catalog.ts";
import { withStatus } from "../helpers/answers.ts";
import { createTestApp, jsonInit, type TestApp } from "../helpers/app.ts";
import { LOOPBACK_ALLOWED } from "../helpers/receivers.ts";
import { postForm } from "./helpers.ts";

const NAMESPACES = [
  "incidents",
  "assets",
  "vulnerabilities",
  "documents",
  "alerts",
  "cases",
  "severity",
  "processes",
  "network",
  "windows",
  "rules",
  "common",
  "notifications",
  "webhooks",
  "threats",
  "risks",
];
const KEY = new RegExp(
  `(?<![\\w/.-])(?:${NAMESPACES.join("|")})\\.[a-z][\\w]*(?:\\.[\\w-]+)*(?![\\w/-])`,
  "g",
);

let t: TestApp;
const pages: string[] = [];
/**
 * Other programs' command lines are host data that can look like keys
 * (`--utility-sub-type=network.mojom.NetworkService`): the processes page is checked on a
 * process of the test's own, found by a marker in its command line.
 */
const MARKER = "catalogkeycheck";
// One process (a shell would leave its `sleep` behind, holding the runner's output open).
const marked = Bun.spawn(["perl", "-e", "sleep 600", MARKER], { stdio: ["ignore", "ignore", "ignore"] });

beforeAll(async () => {
  t = await createTestApp({ desktop: { display: null, xauthority: null }, ...LOOPBACK_ALLOWED });
  await ensureAttackCatalog({ db: t.database.db });
  t.metrics.start();
  const post = async (path: string, body: unknown) =>
    (await (await t.as("admin", `/api/v1${path}`, jsonInit(body))).json()) as { id: string };
  const asset = await post("/cmdb/assets", { name: "Key check host", assetType: "server", tags: ["web"] });
  const incident = await post("/incidents", {
    title: "Key check",
    severity: "critical",
    assignedTo: t.users.analyst.id,
  });
  await t.as(
    "admin",
    `/api/v1/incidents/${incident.id}/links`,
    jsonInit({ kind: "asset", targetId: asset.id }),
  );
  await t.as("admin", `/api/v1/incidents/${incident.id}/status`, jsonInit({ status: "triage" }));
  const vulnerability = await post("/vulnerabilities", {
    title: "Key check",
    cvssVector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
    assetIds: [asset.id],
  });
  const document = await post("/documents", {
    title: "Key check",
    category: "policy",
    requiresAcknowledgment: true,
  });
  const rule = await post("/soc/rules", {
    name: "Key check",
    condition: { type: "process_absent", name: "key-check" },
  });
  const alert = await post("/soc/alerts", {
    title: "Key check",
    severity: "high",
    context: { top: [{ pid: 1, name: "init" }] },
    techniques: ["T1059.001"],
  });
  await t.as(
    "admin",
    `/api/v1/vulnerabilities/${vulnerability.id}/techniques`,
    jsonInit({ techniques: ["T1190"] }, "PUT"),
  );
  const threat = await post("/threats", {
    name: "Key check",
    category: "supply_chain",
    techniques: ["T1195"],
  });
  const goneThreat = await post("/threats", { name: "Deleted threat", category: "fraud" });
  await t.as("admin", `/api/v1/threats/${goneThreat.id}`, { method: "DELETE" });
  const soc = await post("/soc/cases", { title: "Key check", alertIds: [alert.id] });
  await t.as("admin", `/api/v1/soc/alerts/${alert.id}/notes`, jsonInit({ body: "Seen" }));
  const escalated = await post("/soc/alerts", { title: "Key check escalated", severity: "low" });
  const { incidentId } = (await (
    await t.as("admin", `/api/v1/soc/alerts/${escalated.id}/escalate`, jsonInit({ version: 1 }))
  ).json()) as { incidentId: string };
  const hook = await post("/integrations/webhooks", {
    name: "Key check",
    url: "http://127.0.0.1:9/hook",
    secret: "key-check-secret-0123",
    events: ["incident.created"],
  });
  await t.as("admin", `/api/v1/integrations/webhooks/${hook.id}/test`, { method: "POST" });
  const risk = await post("/risks", {
    title: "Key check",
    owner: t.users.manager.id,
    category: "third_party",
    inherentLikelihood: 5,
    inherentImpact: 5,
    treatment: "transfer",
    nextReviewAt: Date.now() + 86_400_000,
    assetIds: [asset.id],
  });
  const acceptance = { reason: "Key check", expiresAt: Date.now() + 30 * 86_400_000 };
  await t.as("analyst", `/api/v1/risks/${risk.id}/acceptance`, jsonInit(acceptance));
  await t.as("admin", `/api/v1/risks/${risk.id}/acceptance/reject`, jsonInit({ note: "No" }));
  await t.as("analyst", `/api/v1/risks/${risk.id}/acceptance`, jsonInit(acceptance));
  const deleted = await post("/incidents", { title: "Deleted one", severity: "low" });
  await t.as("admin", `/api/v1/incidents/${deleted.id}`, { method: "DELETE" });
  pages.push(
    "/incidents",
    "/incidents?deleted=only",
    "/incidents/new",
    `/incidents/${incident.id}`,
    `/incidents/${incident.id}/edit`,
    `/incidents/${incidentId}`,
    "/soc",
    `/soc/${alert.id}`,
    `/soc/${escalated.id}`,
    "/soc/cases",
    `/soc/cases/${soc.id}`,
    "/cmdb",
    "/cmdb/new",
    `/cmdb/${asset.id}`,
    "/vulnerabilities",
    "/vulnerabilities/new",
    "/vulnerabilities/import",
    `/vulnerabilities/${vulnerability.id}`,
    "/documents",
    "/documents/new",
    `/documents/${document.id}`,
    `/processes?q=${MARKER}`,
    "/network",
    "/windows",
    "/soc/rules",
    "/soc/rules/new",
    `/soc/rules/${rule.id}/edit`,
    "/notifications",
    "/notifications?unread=true",
    "/notifications/preferences",
    "/integrations/webhooks",
    `/integrations/webhooks/${hook.id}`,
    "/threats",
    "/threats?deleted=only",
    "/threats/new",
    `/threats/${threat.id}`,
    `/threats/${threat.id}/edit`,
    "/threats/matrix",
    "/threats/techniques/T1059",
    "/threats/import",
    "/risks",
    "/risks?deleted=only",
    "/risks?likelihood=5&impact=5&scoreOf=residual",
    "/risks/new",
    `/risks/${risk.id}`,
    `/risks/${risk.id}/edit`,
  );
});
afterAll(() => {
  marked.kill();
  t.metrics.stop();
  t.close();
});

function keysIn(html: string): string[] {
  const text = html.replace(/<script[\s\S]*?<\/script>/g, "");
  return [...new Set([...text.matchAll(KEY)].map((m) => m[0]))];
}

describe("no message key is left untranslated", () => {
  test("record and host pages, for an admin and a viewer", async () => {
    for (const role of ["admin", "viewer"] as const) {
      for (const path of pages) {
        const res = await t.as(role, path);
        // Viewers may not see deleted incidents or threats nor open the forms of vulnerabilities, documents, rules and threats.
        const refused =
          role === "viewer" &&
          ([
            "/incidents?deleted=only",
            "/incidents/new",
            "/cmdb/new",
            "/vulnerabilities/new",
            "/vulnerabilities/import",
            "/documents/new",
            "/soc/rules/new",
            "/threats?deleted=only",
            "/threats/new",
            "/threats/import",
            "/risks?deleted=only",
            "/risks/new",
          ].includes(path) ||
            // A record's edit form is for those who may update its kind.
            /\/edit$/.test(path) ||
            path.startsWith("/soc/rules/") ||
            path.startsWith("/integrations/"));
        expect({ path, role, status: res.status }).toEqual({ path, role, status: refused ? 403 : 200 });
        expect({ path, role, keys: keysIn(await res.text()) }).toEqual({ path, role, keys: [] });
      }
    }
  });

  test("forms answering 422 show messages, not keys", async () => {
    for (const path of [
      "/incidents",
      "/cmdb",
      "/vulnerabilities",
      "/documents",
      "/soc/rules",
      "/integrations/webhooks",
      "/threats",
      "/risks",
    ]) {
      const res = await withStatus(postForm(t, "admin", path, {}), 422);
      expect({ path, keys: keysIn(await res.text()) }).toEqual({ path, keys: [] });
    }
  });
});
