/**
 * Screenshots for a visual review: starts a real Warden server (as the e2e tests do) and
 * saves PNGs of every page, in the light and dark theme, at desktop and phone widths,
 * into test-results/screenshots/ (gitignored). The server starts empty: the first-run
 * setup page is taken first, then the admin is created, some data added (users, tokens,
 * an audit trail), and the signed-in pages are taken in a signed-in browser context.
 *
 * Usage: bun scripts/screenshots.ts [--full-page] [--only name,name]
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { openDatabase } from "../src/db/client.ts";
import { snapshotDay, takeSnapshot } from "../src/modules/risks/snapshots.ts";
import { DEMO_PROCESS_SNAPSHOT } from "../src/modules/soc/demo.ts";
import {
  collectProblems,
  E2E_ADMIN,
  ensureAdmin,
  launchBrowser,
  REPO_ROOT,
  setThemeCookie,
  signIn,
  startServer,
  VIEWPORTS,
  type WardenServer,
} from "../test/e2e/helpers.ts";

const OUT_DIR = join(REPO_ROOT, "test-results", "screenshots");
/** A view to capture; `act` brings the page into the state to show (an open menu …). */
interface Shot {
  name: string;
  path: string;
  /** Selector that is visible once the page has rendered. */
  ready: string;
  /** Only at this size. */
  only?: keyof typeof VIEWPORTS;
  act?: (page: Page) => Promise<void>;
  /** Status lines the page is expected to cause (a form answered with 401 or 422). */
  expect?: RegExp;
}

/** Taken while no user exists. */
const FIRST_RUN: Shot[] = [
  {
    name: "setup-error",
    path: "/setup",
    ready: "form[action='/setup']",
    expect: /status of 422/,
    act: async (page) => {
      await page.getByLabel("Email").fill("root@example.test");
      await page.getByLabel("Username").fill("Root");
      await page.getByLabel("Password", { exact: true }).fill("short");
      await page.getByLabel("Confirm password").fill("other");
      await page.getByRole("button", { name: "Create admin and sign in" }).click();
      await page.locator(".field-error").first().waitFor();
    },
  },
  { name: "setup", path: "/setup", ready: "form[action='/setup']" },
];

/** Taken without a session, once the admin exists. */
const ANONYMOUS: Shot[] = [
  { name: "login", path: "/login", ready: "form[action='/login']" },
  {
    name: "login-refused",
    path: "/login",
    ready: "form[action='/login']",
    expect: /status of 401/,
    act: async (page) => {
      await page.getByLabel("Email or username").fill("admin");
      await page.getByLabel("Password").fill("not-my-password");
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByTestId("login-refused").waitFor();
    },
  },
];

/** Taken signed in as the admin. */
const SIGNED_IN: Shot[] = [
  { name: "dashboard", path: "/", ready: "main h1" },
  { name: "api-docs", path: "/api/docs", ready: ".swagger-ui .info" },
  { name: "not-found", path: "/no-such-page", ready: ".error-page", expect: /status of 404/ },
  {
    name: "user-menu",
    path: "/",
    ready: "main h1",
    act: async (page) => {
      await page.locator("details.menu > summary").click();
      await page.locator(".menu-panel").waitFor();
    },
  },
  {
    name: "nav-open",
    path: "/",
    ready: "main h1",
    only: "phone",
    act: async (page) => {
      await page.locator(".nav-toggle").click();
      await page.waitForFunction(
        () => document.getElementById("sidebar")?.getBoundingClientRect().left === 0,
      );
    },
  },
  { name: "users", path: "/users", ready: "[data-testid=users-table]" },
  {
    name: "users-create-error",
    path: "/users",
    ready: "[data-testid=users-table]",
    expect: /status of 422/,
    act: async (page) => {
      await page.locator("#new-user > summary").click();
      const form = page.getByTestId("create-user-form");
      await form.getByLabel("Email").fill("mallory@example.test");
      await form.getByLabel("Username").fill("bob");
      await form.getByLabel("Initial password").fill("short");
      await form.getByRole("button", { name: "Create user" }).click();
      await page.locator("#field-username-error").waitFor();
    },
  },
  {
    name: "users-deactivate-dialog",
    path: "/users",
    ready: "[data-testid=users-table]",
    act: async (page) => {
      await page.getByTestId("user-bob").getByRole("button", { name: "Deactivate" }).click();
      await page.locator("dialog[open]").waitFor();
    },
  },
  {
    name: "users-reset-dialog",
    path: "/users",
    ready: "[data-testid=users-table]",
    act: async (page) => {
      await page.getByTestId("user-carol").getByRole("link", { name: "Reset password" }).click();
      await page.locator("dialog[open]").waitFor();
    },
  },
  {
    name: "users-last-admin",
    path: "/users",
    ready: "[data-testid=users-table]",
    expect: /status of 409/,
    act: async (page) => {
      const row = page.getByTestId("user-admin");
      await row.getByRole("combobox").selectOption("viewer");
      await row.getByRole("button", { name: "Save" }).click();
      await page.getByTestId("row-error").waitFor();
    },
  },
  { name: "audit", path: "/audit", ready: "[data-testid=audit-table]" },
  {
    name: "audit-filtered",
    path: "/audit?action=user.update&from=2020-01-01",
    ready: "[data-testid=audit-table]",
  },
  { name: "tokens", path: "/tokens", ready: "[data-testid=tokens-table]" },
  { name: "profile", path: "/profile", ready: "[data-testid=profile-form]" },
  { name: "incidents", path: "/incidents", ready: "[data-testid=incidents-table]" },
  {
    name: "incident",
    path: "/incidents?sort=severity",
    ready: "[data-testid=incidents-table]",
    act: async (page) => {
      await page.locator("#incident-rows a").first().click();
      await page.getByTestId("timeline").waitFor();
    },
  },
  {
    name: "incident-new-errors",
    path: "/incidents/new",
    ready: "[data-testid=incident-form]",
    expect: /status of 422/,
    act: async (page) => {
      await page.getByTestId("incident-submit").click();
      await page.locator(".field-error").first().waitFor();
    },
  },
  {
    name: "soc",
    path: "/soc",
    ready: "[data-testid=alerts-table]",
  },
  {
    name: "soc-alert",
    path: "/soc?q=miner",
    ready: "[data-testid=alerts-table]",
    act: async (page) => {
      await page.locator("#alert-rows a").first().click();
      await page.getByTestId("alert-context").waitFor();
    },
  },
  {
    name: "soc-bulk-error",
    path: "/soc",
    ready: "[data-testid=alerts-table]",
    expect: /status of 422/,
    act: async (page) => {
      await page.getByTestId("bulk-new-case").click();
      await page.getByTestId("bulk-error").waitFor();
    },
  },
  { name: "soc-cases", path: "/soc/cases", ready: "[data-testid=cases-table]" },
  {
    name: "soc-case",
    path: "/soc/cases",
    ready: "[data-testid=cases-table]",
    act: async (page) => {
      await page.locator("#case-rows a").first().click();
      await page.getByTestId("case-alerts").waitFor();
    },
  },
  {
    name: "incident-alert",
    path: "/incidents?q=miner",
    ready: "[data-testid=incidents-table]",
    act: async (page) => {
      await page.locator("#incident-rows a").first().click();
      await page.getByTestId("alert-snapshot").waitFor();
    },
  },
  { name: "threats", path: "/threats", ready: "[data-testid=threat-rows]" },
  { name: "threats-matrix", path: "/threats/matrix", ready: "[data-testid=attack-matrix]" },
  { name: "threats-technique", path: "/threats/techniques/T1059", ready: "[data-testid=technique-title]" },
  {
    name: "threat",
    path: "/threats",
    ready: "[data-testid=threat-rows]",
    act: async (page) => {
      await page.locator("[data-testid=threat-rows] a").first().click();
      await page.getByTestId("threat-techniques").waitFor();
    },
  },
  {
    name: "threat-new-errors",
    path: "/threats/new",
    ready: "[data-testid=threat-form]",
    expect: /status of 422/,
    act: async (page) => {
      await page.getByLabel("Name").fill("Insider copying designs");
      await page.getByLabel("ATT&CK techniques").fill("T1052 T9999");
      await page.getByTestId("threat-submit").click();
      await page.locator(".field-error").first().waitFor();
    },
  },
  { name: "threats-import", path: "/threats/import", ready: "input[name=bundle]" },
  { name: "risks", path: "/risks", ready: "[data-testid=risks-table]" },
  {
    name: "risk",
    path: "/risks?q=Ransomware",
    ready: "[data-testid=risks-table]",
    act: async (page) => {
      await page.locator("#risk-rows a").first().click();
      await page.getByTestId("acceptance-panel").waitFor();
    },
  },
  {
    name: "risk-trend",
    path: "/risks/trend",
    ready: "[data-testid=risk-trend]",
    act: async (page) => {
      await page.locator("[data-testid=risk-trend-current] canvas").waitFor();
    },
  },
  {
    name: "risk-new-errors",
    path: "/risks/new",
    ready: "[data-testid=risk-form]",
    expect: /status of 422/,
    act: async (page) => {
      await page.getByLabel("Title").fill("Supplier outage stops shipping");
      await page.getByLabel("Treatment due").fill("2030-01-01");
      await page.getByTestId("risk-submit").click();
      await page.locator(".field-error").first().waitFor();
    },
  },
  { name: "assets", path: "/cmdb?sort=-criticality,name", ready: "[data-testid=assets-table]" },
  {
    name: "asset",
    path: "/cmdb?q=Payments+API",
    ready: "[data-testid=assets-table]",
    act: async (page) => {
      await page.locator("#asset-rows a").first().click();
      await page.getByTestId("asset-facts").waitFor();
    },
  },
  {
    name: "asset-host",
    path: "/cmdb?sort=-updatedAt",
    ready: "[data-testid=assets-table]",
    act: async (page) => {
      await page.locator("#asset-rows tr:has([data-testid=asset-managed]) a").first().click();
      await page.getByTestId("asset-facts").waitFor();
    },
  },
  {
    name: "asset-new-errors",
    path: "/cmdb/new",
    ready: "[data-testid=asset-form]",
    expect: /status of 422/,
    act: async (page) => {
      await page.getByLabel("Host name").fill("db 01");
      await page.getByLabel("IP addresses").fill("10.0.0.5\n10.0.0.300");
      await page.getByTestId("asset-submit").click();
      await page.locator(".field-error").first().waitFor();
    },
  },
  {
    name: "asset-cycle",
    path: "/cmdb?q=Object+storage",
    ready: "[data-testid=assets-table]",
    expect: /status of 422/,
    act: async (page) => {
      await page.locator("#asset-rows a").first().click();
      await page.getByTestId("asset-facts").waitFor();
      await page.getByLabel("Add an asset it depends on").selectOption({ label: "Checkout web" });
      await page.getByTestId("add-dependencies").click();
      await page.locator("#field-dependencies-error").waitFor();
    },
  },
  { name: "vulnerabilities", path: "/vulnerabilities", ready: "[data-testid=vulnerabilities-table]" },
  {
    name: "vulnerability",
    path: "/vulnerabilities?q=xz",
    ready: "[data-testid=vulnerabilities-table]",
    act: async (page) => {
      await page.locator("#vulnerability-rows a").first().click();
      await page.getByTestId("vulnerability-cvss").waitFor();
    },
  },
  {
    name: "vulnerability-new-errors",
    path: "/vulnerabilities/new",
    ready: "[data-testid=vulnerability-form]",
    expect: /status of 422/,
    act: async (page) => {
      await page.getByLabel("Title").fill("Outdated OpenSSL on the edge firewall");
      await page.getByLabel("CVSS vector").fill("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H");
      await page.getByTestId("vulnerability-submit").click();
      await page.locator(".field-error").first().waitFor();
    },
  },
  {
    name: "vulnerabilities-import",
    path: "/vulnerabilities/import",
    ready: "[data-testid=import-form]",
    act: async (page) => {
      await page
        .getByLabel("Or paste the content")
        .fill(
          [
            "title,cve_id,cvss_vector,severity,asset,discovered_at",
            "Apache Tomcat partial PUT,CVE-2025-24813,CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H,,Checkout web;api.pay.example.com,2026-03-10",
            "Self-signed certificate,,,low,Edge firewall,2026-03-12",
            "Typo in vector,CVE-2025-0001,CVSS:3.1/AV:N/AC:L,,Checkout web,2026-03-12",
            "Unknown host,CVE-2025-0002,,high,mail07,yesterday",
          ].join("\n"),
        );
      await page.getByTestId("import-preview-button").click();
      await page.getByTestId("import-preview").waitFor();
    },
  },
  { name: "documents", path: "/documents", ready: "[data-testid=documents-table]" },
  {
    name: "document",
    path: "/documents?q=Information+security",
    ready: "[data-testid=documents-table]",
    act: async (page) => {
      await page.locator("#document-rows a").first().click();
      await page.getByTestId("ack-table").waitFor();
    },
  },
  {
    name: "document-diff",
    path: "/documents?q=Information+security",
    ready: "[data-testid=documents-table]",
    act: async (page) => {
      await page.locator("#document-rows a").first().click();
      await page.getByRole("link", { name: "Changes v1 → v2" }).click();
      await page.getByTestId("diff").waitFor();
    },
  },
  {
    name: "document-version",
    path: "/documents?q=Information+security",
    ready: "[data-testid=documents-table]",
    act: async (page) => {
      await page.locator("#document-rows a").first().click();
      await page.getByRole("link", { name: "v1", exact: true }).click();
      await page.getByTestId("version-content").waitFor();
    },
  },
  {
    name: "document-publish-dialog",
    path: "/documents?q=Password+standard",
    ready: "[data-testid=documents-table]",
    act: async (page) => {
      await page.locator("#document-rows a").first().click();
      await page.getByTestId("move-published").getByRole("button").first().click();
      await page.locator("dialog[open]").waitFor();
    },
  },
  {
    name: "document-new-errors",
    path: "/documents/new",
    ready: "[data-testid=document-form]",
    expect: /status of 422/,
    act: async (page) => {
      await page.getByTestId("document-submit").click();
      await page.locator(".field-error").first().waitFor();
    },
  },
  { name: "rules", path: "/soc/rules", ready: "[data-testid=rules-table]" },
  {
    name: "rule-new-errors",
    path: "/soc/rules/new",
    ready: "[data-testid=rule-form]",
    expect: /status of 422/,
    act: async (page) => {
      await page.getByLabel("Threshold", { exact: true }).fill("120");
      await page.getByLabel("Clear threshold").fill("130");
      await page.getByTestId("rule-submit").click();
      await page.locator(".field-error").first().waitFor();
    },
  },
  {
    name: "rule-edit",
    path: "/soc/rules?origin=database",
    ready: "[data-testid=rules-table]",
    act: async (page) => {
      await page.locator("#rule-rows").getByRole("link", { name: "Edit" }).nth(1).click();
      await page.getByTestId("rule-form").waitFor();
    },
  },
  {
    name: "rule-delete-dialog",
    path: "/soc/rules?origin=database",
    ready: "[data-testid=rules-table]",
    act: async (page) => {
      await page.locator("#rule-rows").getByRole("button", { name: "Delete" }).first().click();
      await page.locator("dialog[open]").waitFor();
    },
  },
  { name: "processes", path: "/processes", ready: "[data-testid=process-table]" },
  { name: "network", path: "/network", ready: "[data-testid=connections-table]" },
  { name: "scans", path: "/network/scans", ready: "[data-testid=scans-table]" },
  {
    name: "scans-errors",
    path: "/network/scans",
    ready: "[data-testid=scan-form]",
    expect: /status of 403/,
    act: async (page) => {
      await page.getByLabel("Target").fill("192.0.2.10");
      await page.getByTestId("scan-submit").click();
      await page.locator(".field-error").first().waitFor();
    },
  },
  {
    name: "scan",
    path: "/network/scans?sort=createdAt",
    ready: "[data-testid=scans-table]",
    act: async (page) => {
      await page.locator("#scan-rows a").nth(1).click();
      await page.getByTestId("scan-diff").waitFor();
    },
  },
  { name: "scan-schedules", path: "/network/scans/schedules", ready: "[data-testid=schedules-table]" },
  // The screenshot server has no desktop session: the page says why there are no windows.
  { name: "windows-no-session", path: "/windows", ready: "[data-testid=windows-unavailable]" },
  { name: "processes-tree", path: "/processes?view=tree&sort=pid", ready: "[data-testid=process-table]" },
  {
    name: "processes-panel",
    path: "/processes?q=bun",
    ready: "[data-testid=process-table]",
    act: async (page) => {
      await page.locator("#process-rows a").first().click();
      await page.getByTestId("process-panel").waitFor();
    },
  },
  {
    name: "processes-confirm",
    path: "/processes?q=bun",
    ready: "[data-testid=process-table]",
    act: async (page) => {
      await page.locator("#process-rows a").first().click();
      await page.getByTestId("process-panel").waitFor();
      await page.getByRole("link", { name: "Kill" }).click();
      await page.locator("dialog[open]").waitFor();
    },
  },
  { name: "notifications", path: "/notifications", ready: "[data-testid=notifications]" },
  {
    name: "notification-preferences",
    path: "/notifications/preferences",
    ready: "[data-testid=preferences-form]",
  },
  { name: "webhooks", path: "/integrations/webhooks", ready: "[data-testid=webhooks-table]" },
  {
    name: "webhook",
    path: "/integrations/webhooks",
    ready: "[data-testid=webhooks-table]",
    act: async (page) => {
      await page.getByRole("link", { name: "SIEM intake" }).click();
      await page.getByTestId("deliveries-table").waitFor();
      await page.getByTestId("send-test").click();
      await page.getByTestId("test-result").waitFor();
    },
  },
  {
    name: "tokens-created",
    path: "/tokens",
    ready: "[data-testid=tokens-table]",
    act: async (page) => {
      await page.getByLabel("Name").fill("grafana");
      await page.getByLabel("Expires after (days)").fill("90");
      await page.getByRole("button", { name: "Create token" }).click();
      await page.getByTestId("new-token").waitFor();
    },
  },
];
const THEMES = ["light", "dark"] as const;

const fullPage = process.argv.includes("--full-page");
const onlyArg = process.argv[process.argv.indexOf("--only") + 1];
const only = process.argv.includes("--only") && onlyArg ? new Set(onlyArg.split(",")) : null;
mkdirSync(OUT_DIR, { recursive: true });

/** Users, tokens and changes, so the tables and the audit log have something to show. */
async function seed(server: WardenServer): Promise<void> {
  await ensureAdmin(server);
  const login = await fetch(`${server.url}/api/v1/auth/login`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ login: E2E_ADMIN.username, password: E2E_ADMIN.password }),
  });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const api = (path: string, method: string, body: unknown) =>
    fetch(`${server.url}/api/v1${path}`, {
      method,
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${accessToken}` },
      body: JSON.stringify(body),
    }).then((r) => r.json() as Promise<{ id: string }>);
  const people = [
    ["bob", "Bob Builder", "manager"],
    ["carol", "Carol Danvers", "analyst"],
    ["dave", "Dave Lister", "viewer"],
    ["erin", "Erin Brockovich-Ellis", "analyst"],
  ] as const;
  const ids: Record<string, string> = {};
  for (const [username, displayName, role] of people) {
    const user = await api("/users", "POST", {
      email: `${username}@example.test`,
      username,
      displayName,
      role,
      password: `${username}-initial-password-1`,
    });
    ids[username] = user.id;
  }
  await api(`/users/${ids.dave}`, "PATCH", { role: "analyst" });
  await api(`/users/${ids.erin}`, "PATCH", { isActive: false });
  await api("/tokens", "POST", { name: "ci-deploy", expiresInDays: 30 });
  const incidents = [
    ["Ransomware note on file server FS01", "critical", "malware", ["triage", "containment"]],
    ["Phishing wave against finance", "high", "phishing", ["triage"]],
    ["Unusual outbound traffic from build agent", "medium", "network", []],
    [
      "Lost laptop reported by sales",
      "low",
      "physical",
      ["triage", "containment", "eradication", "recovery", "closed"],
    ],
  ] as const;
  for (const [title, severity, category, moves] of incidents) {
    const incident = await api("/incidents", "POST", {
      title,
      severity,
      category,
      assignedTo: ids.carol,
      detectedAt: Date.now() - 5 * 3_600_000,
      description: `## What we know\n\n- Seen by **monitoring** at 09:12\n- Host isolated: \`no\`\n\nSee [runbook](https://example.com/runbook).`,
    });
    for (const status of moves)
      await api(`/incidents/${incident.id}/status`, "POST", { status, note: `Moved to ${status}.` });
    await api(`/incidents/${incident.id}/comments`, "POST", {
      body: "Pulled the **proxy logs** for the last 24 h.",
    });
  }
  const assets: Record<string, string> = {};
  for (const asset of [
    {
      name: "Checkout web",
      assetType: "application",
      criticality: "critical",
      ownerUserId: ids.carol,
      hostname: "shop.example.com",
      ipAddresses: ["203.0.113.40"],
      tags: ["prod", "pci", "public"],
    },
    {
      name: "Payments API",
      assetType: "application",
      criticality: "critical",
      ownerUserId: ids.carol,
      hostname: "api.pay.example.com",
      ipAddresses: ["10.20.0.21", "10.20.0.22", "2001:db8:20::21"],
      os: "Debian GNU/Linux 12",
      location: "DC1 · rack 4",
      tags: ["prod", "pci"],
      description:
        "Card payments for the shop.\n\n- Runbook: [payments](https://example.com/runbook)\n- On call: **payments team**",
    },
    {
      name: "Payments DB",
      assetType: "database",
      criticality: "critical",
      ownerText: "DBA team",
      hostname: "db01.pay.example.com",
      ipAddresses: ["10.20.0.11", "10.20.0.12"],
      os: "PostgreSQL 16 on Debian 12",
      location: "DC1 · rack 4",
      tags: ["prod", "pci", "backup-daily"],
    },
    {
      name: "Edge firewall",
      assetType: "network",
      criticality: "high",
      hostname: "fw01.example.com",
      ipAddresses: ["203.0.113.1", "10.0.0.1"],
      os: "OPNsense 25.1",
      tags: ["edge"],
    },
    {
      name: "Object storage",
      assetType: "cloud",
      criticality: "high",
      location: "eu-west-1",
      tags: ["backup"],
    },
    {
      name: "Build agent 3",
      assetType: "workstation",
      criticality: "medium",
      status: "maintenance",
      ownerUserId: ids.bob,
    },
    {
      name: "Old mail relay",
      assetType: "server",
      criticality: "low",
      status: "retired",
      hostname: "mx-old.example.com",
    },
    {
      name: "Cold room sensors",
      assetType: "iot",
      criticality: "low",
      status: "planned",
      tags: ["facilities"],
    },
  ]) {
    assets[asset.name] = (await api("/cmdb/assets", "POST", asset)).id;
  }
  for (const [from, to] of [
    ["Checkout web", "Payments API"],
    ["Payments API", "Payments DB"],
    ["Payments API", "Edge firewall"],
    ["Payments DB", "Object storage"],
  ] as const)
    await api(`/cmdb/assets/${assets[from]}/dependencies/${assets[to]}`, "POST", {});
  const day = 86_400_000;
  for (const vulnerability of [
    {
      cveId: "CVE-2024-3094",
      title: "xz/liblzma backdoor in sshd",
      cvssVector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
      assetIds: [assets["Build agent 3"], assets["Payments API"]],
      discoveredAt: Date.now() - 10 * day,
      description:
        "Malicious code in **xz 5.6.0/5.6.1** lets a remote attacker bypass sshd authentication.\n\n- Downgrade xz to 5.4.6\n- Rebuild affected images",
    },
    {
      cveId: "CVE-2024-6387",
      title: "OpenSSH regreSSHion race condition",
      cvssVector: "CVSS:4.0/AV:N/AC:H/AT:P/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
      assetIds: [assets["Edge firewall"], assets["Payments API"], assets["Payments DB"]],
      discoveredAt: Date.now() - 3 * day,
    },
    {
      title: "TLS 1.0 still offered on the payments API",
      severity: "medium",
      status: "in_progress",
      assetIds: [assets["Payments API"]],
      discoveredAt: Date.now() - 20 * day,
    },
    {
      cveId: "CVE-2023-44487",
      title: "HTTP/2 rapid reset",
      cvssVector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H",
      status: "mitigated",
      assetIds: [assets["Checkout web"]],
      discoveredAt: Date.now() - 40 * day,
    },
    {
      title: "Banner discloses nginx version",
      severity: "informational",
      assetIds: [assets["Checkout web"]],
    },
  ])
    await api("/vulnerabilities", "POST", vulnerability);
  await seedRisks(server, api, ids, assets);
  await seedDocuments(server, api, ids);
  await seedScans(api);
  const old = await api("/tokens", "POST", { name: "old-laptop" });
  await fetch(`${server.url}/api/v1/tokens/${old.id}`, {
    method: "DELETE",
    headers: { Authorization: `Bearer ${accessToken}` },
  });
}

type Api = (path: string, method: string, body: unknown) => Promise<{ id: string }>;

/** Risks across the matrix, one with an acceptance Carol asked for (the admin may approve it). */
async function seedRisks(
  server: WardenServer,
  api: Api,
  ids: Record<string, string>,
  assets: Record<string, string>,
): Promise<void> {
  const day = 86_400_000;
  const risks = [
    [
      "Ransomware encrypts the payments database",
      "technical",
      [4, 5],
      [3, 5],
      [2, 3],
      "mitigate",
      ids.carol,
      ["Payments DB"],
    ],
    [
      "Card data leaks through the checkout",
      "compliance",
      [3, 5],
      [2, 4],
      [1, 4],
      "mitigate",
      ids.bob,
      ["Checkout web"],
    ],
    [
      "Edge firewall fails without a spare",
      "operational",
      [2, 4],
      [2, 4],
      [2, 4],
      null,
      ids.dave,
      ["Edge firewall"],
    ],
    ["Object storage provider raises prices", "financial", [3, 2], [3, 2], [3, 2], "transfer", ids.bob, []],
    [
      "Build agents run unpatched images",
      "technical",
      [4, 3],
      [3, 3],
      [1, 2],
      "mitigate",
      ids.carol,
      ["Build agent 3"],
    ],
    ["Cold room sensors report late", "operational", [2, 1], [2, 1], [2, 1], null, ids.dave, []],
  ] as const;
  const created: string[] = [];
  for (const [title, category, inherent, current, residual, treatment, owner, linked] of risks) {
    const risk = await api("/risks", "POST", {
      title,
      category,
      owner,
      inherentLikelihood: inherent[0],
      inherentImpact: inherent[1],
      currentLikelihood: current[0],
      currentImpact: current[1],
      residualLikelihood: residual[0],
      residualImpact: residual[1],
      treatment,
      treatmentPlan: treatment ? "Owner reports progress monthly." : "",
      nextReviewAt: Date.now() + 30 * day,
      assetIds: linked.map((name) => assets[name]),
      techniques: title.startsWith("Ransomware") ? ["T1486", "T1490"] : [],
      description: "Assessed in the quarterly risk workshop.",
    });
    created.push(risk.id);
    await api(`/risks/${risk.id}/status`, "POST", { status: "assessed" });
  }
  const login = await fetch(`${server.url}/api/v1/auth/login`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ login: "carol", password: "carol-initial-password-1" }),
  });
  const { accessToken } = (await login.json()) as { accessToken: string };
  await fetch(`${server.url}/api/v1/risks/${created[0]}/acceptance`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${accessToken}` },
    body: JSON.stringify({
      reason: "Offline backups cover a restore within 24 h.",
      expiresAt: Date.now() + 180 * day,
    }),
  });
  await seedRiskHistory(
    server,
    risks.map(([, , , current, residual], i) => ({ id: created[i] as string, current, residual })),
  );
}

/**
 * 90 days of daily snapshots of the seeded risks (written straight into the server's
 * database, as the daily job would have): each risk joins the register on a later day, and
 * its current likelihood was one higher before its treatment began, so the trend moves.
 */
async function seedRiskHistory(
  server: WardenServer,
  risks: { id: string; current: readonly [number, number]; residual: readonly [number, number] }[],
): Promise<void> {
  const database = await openDatabase({ url: `file:${join(server.dataDir, "warden.db")}` });
  try {
    for (let ago = 89; ago >= 1; ago--) {
      const rows = risks
        .filter((_, i) => ago < 90 - i * 12)
        .map((risk, i) => ({
          riskId: risk.id,
          status: "assessed",
          currentLikelihood: Math.min(5, risk.current[0] + (ago > 30 + i * 5 ? 1 : 0)),
          currentImpact: risk.current[1],
          residualLikelihood: risk.residual[0],
          residualImpact: risk.residual[1],
        }));
      await takeSnapshot(database.db, snapshotDay(Date.now() - ago * 86_400_000), rows);
    }
  } finally {
    database.close();
  }
}

/** Documents in every state: one published twice (versions, a diff) that asks for acknowledgment. */
/** Two scans of loopback listeners opened here (the second finds one newly open port) and two schedules. */
async function seedScans(api: Api): Promise<void> {
  const listen = (banner?: string) =>
    Bun.listen({
      hostname: "127.0.0.1",
      port: 0,
      socket: { open: (socket) => void (banner && socket.write(banner)), data() {} },
    });
  const ssh = listen("SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n");
  const web = listen();
  const late = listen("220 mail.example.test ESMTP Postfix\r\n");
  const ports = [ssh.port, web.port, late.port, 22, 80].join(",");
  late.stop(true);
  const finished = async (id: string) => {
    for (let i = 0; i < 100; i++) {
      const detail = (await api(`/scans/${id}`, "GET", undefined)) as unknown as { scan: { status: string } };
      if (detail.scan.status !== "queued" && detail.scan.status !== "running") return;
      await Bun.sleep(100);
    }
  };
  await finished((await api("/scans", "POST", { target: "127.0.0.1", ports })).id);
  Bun.listen({
    hostname: "127.0.0.1",
    port: late.port,
    socket: { open: (s) => void s.write("220 ESMTP\r\n"), data() {} },
  });
  await finished((await api("/scans", "POST", { target: "127.0.0.1", ports })).id);
  await api("/scans", "POST", { target: "localhost", ports: "top100" });
  await api("/scan-schedules", "POST", {
    name: "Nightly loopback",
    cron: "0 3 * * *",
    target: "127.0.0.1",
    ports: "top1000",
  });
  await api("/scan-schedules", "POST", {
    name: "Hourly web ports",
    cron: "15 * * * *",
    enabled: false,
    target: "localhost",
    ports: "80,443,8000-8100",
  });
}

async function seedDocuments(server: WardenServer, api: Api, ids: Record<string, string>): Promise<void> {
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const move = async (id: string, steps: string[]) => {
    for (const status of steps) await api(`/documents/${id}/status`, "POST", { status });
  };
  const policy = await api("/documents", "POST", {
    title: "Information security policy",
    category: "policy",
    frameworks: ["ISO 27001", "SOC 2", "NIST CSF"],
    nextReviewAt: day(180),
    requiresAcknowledgment: true,
    content:
      "## Purpose\n\nProtect the **confidentiality**, integrity and availability of company information.\n\n## Rules\n\n- Lock your screen when you leave it.\n- Report incidents within 24 hours.\n- Use the password manager.\n\nSee the [incident procedure](https://example.com/incident).",
  });
  await move(policy.id, ["in_review", "approved", "published", "in_review"]);
  const current = (await api(`/documents/${policy.id}`, "GET", undefined)) as unknown as { version: number };
  await api(`/documents/${policy.id}`, "PATCH", {
    version: current.version,
    content:
      "## Purpose\n\nProtect the **confidentiality**, integrity and availability of company information.\n\n## Rules\n\n- Lock your screen when you leave it.\n- Report incidents within 4 hours.\n- Use the password manager.\n- Enable multi-factor sign-in everywhere.\n\nSee the [incident procedure](https://example.com/incident).",
  });
  await move(policy.id, ["approved", "published"]);
  const bob = await fetch(`${server.url}/api/v1/auth/login`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ login: "bob", password: "bob-initial-password-1" }),
  }).then((r) => r.json() as Promise<{ accessToken: string }>);
  await fetch(`${server.url}/api/v1/documents/${policy.id}/acknowledge`, {
    method: "POST",
    headers: { Authorization: `Bearer ${bob.accessToken}` },
  });
  const plan = await api("/documents", "POST", {
    title: "Incident response plan",
    category: "plan",
    frameworks: ["NIST CSF"],
    nextReviewAt: day(-3),
    ownerId: ids.carol,
    content: "Who to call, in order.",
  });
  await move(plan.id, ["in_review"]);
  const standard = await api("/documents", "POST", {
    title: "Password standard",
    category: "standard",
    frameworks: ["ISO 27001"],
    nextReviewAt: day(365),
    requiresAcknowledgment: true,
    content: "At least 14 characters; a password manager for everything.",
  });
  await move(standard.id, ["in_review", "approved"]);
  await api("/documents", "POST", {
    title: "Backup and restore procedure",
    category: "procedure",
    ownerId: ids.carol,
    content: "Nightly backups, tested monthly.",
  });
  const guideline = await api("/documents", "POST", {
    title: "Remote work guideline",
    category: "guideline",
    nextReviewAt: day(0),
    content: "Work from trusted networks.",
  });
  await move(guideline.id, ["in_review", "approved", "published"]);
  const record = await api("/documents", "POST", {
    title: "2025 access review",
    category: "record",
    frameworks: ["SOC 2"],
    content: "Every account reviewed; 3 removed.",
  });
  await move(record.id, ["in_review", "approved", "published", "archived"]);
  const rules = [
    {
      name: "Many processes",
      condition: { type: "metric", series: "processes", operator: ">", threshold: 5, clear: 3 },
      severity: "low",
      renotifySeconds: 3600,
    },
    {
      name: "Backup agent down",
      condition: { type: "process_absent", name: "backup-agent" },
      severity: "high",
    },
    {
      name: "Outbound traffic above 50 MB/s",
      condition: { type: "metric", series: "network_out", operator: ">", threshold: 50_000_000 },
      forSeconds: 120,
      severity: "medium",
    },
    {
      name: "Var almost full",
      condition: { type: "metric", series: "disk", mount: "/var", operator: ">=", threshold: 95 },
      severity: "critical",
      enabled: false,
    },
  ];
  for (const rule of rules) await api("/soc/rules", "POST", rule);
  await seedSoc(api);
  await seedNotifications(server, api, bob.accessToken);
}

/** SOC alerts from rules, scans and the API (one firing often), a case, and one escalated alert. */
async function seedSoc(api: (path: string, method: string, body: unknown) => Promise<{ id: string }>) {
  const processes = { rule: "cpu-high", threshold: "90% for 5 min", ...DEMO_PROCESS_SNAPSHOT };
  const raise = (body: Record<string, unknown>) => api("/soc/alerts", "POST", body);
  const miner = {
    title: "Crypto miner suspected on web01",
    severity: "critical",
    host: "web01",
    dedupKey: "cpu:web01",
    techniques: ["T1496.001"],
  };
  for (let n = 0; n < 4; n++) await raise({ ...miner, context: processes });
  for (let n = 0; n < 12; n++)
    await raise({
      title: "SSH brute force from 203.0.113.7",
      severity: "high",
      host: "bastion",
      dedupKey: "ssh:203.0.113.7",
      techniques: ["T1110.001"],
      context: { sourceIp: "203.0.113.7", attempts: 340 + n },
    });
  await raise({
    title: "Disk /var 92% full on db01",
    severity: "medium",
    host: "db01",
    context: { usedPercent: 92.4 },
  });
  const signIn = await raise({
    title: "Sign-in from an unusual country for j.doe",
    severity: "medium",
    techniques: ["T1078.004"],
  });
  const forward = await raise({
    title: "Mailbox forwarding rule created for j.doe",
    severity: "high",
    techniques: ["T1114.003"],
  });
  await raise({ title: "Encoded PowerShell on ws-12", severity: "high", techniques: ["T1059.001", "T1027"] });
  await raise({
    title: "PowerShell download cradle on ws-12",
    severity: "high",
    techniques: ["T1059.001", "T1105"],
  });
  await api("/threats", "POST", {
    name: "Ransomware affiliate",
    category: "adversary",
    description: "Buys access, moves laterally with **valid accounts**, encrypts file servers.",
    techniques: ["T1078", "T1486", "T1490", "T1059.001"],
  });
  await raise({ title: "Antivirus signatures outdated on laptop-7", severity: "low", host: "laptop-7" });
  const k = await api("/soc/cases", "POST", {
    title: "Possible account takeover: j.doe",
    description: "A sign-in from abroad, then a **forwarding rule**.",
    alertIds: [signIn.id, forward.id],
  });
  await api(`/soc/cases/${k.id}/notes`, "POST", { body: "Asked j.doe whether they travel." });
  const escalated = await raise({
    title: "Miner process on build03",
    severity: "critical",
    host: "build03",
    context: processes,
  });
  await api(`/soc/alerts/${escalated.id}/escalate`, "POST", { version: 1 });
}

/**
 * Notifications for the signed-in admin (Bob assigns them work and comments on it) and two
 * webhooks: one to a local receiver that answers, one to a port where nothing listens.
 */
async function seedNotifications(
  server: WardenServer,
  api: (path: string, method: string, body: unknown) => Promise<{ id: string }>,
  bobToken: string,
): Promise<void> {
  const me = (await api("/auth/me", "GET", undefined)) as unknown as { id: string };
  const asBob = (path: string, body: unknown) =>
    fetch(`${server.url}/api/v1${path}`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${bobToken}` },
      body: JSON.stringify(body),
    }).then((r) => r.json() as Promise<{ id: string }>);
  const breach = await asBob("/incidents", {
    title: "Credential stuffing against the customer portal",
    severity: "high",
    assignedTo: me.id,
  });
  await asBob(`/incidents/${breach.id}/comments`, { body: "Blocked the top 20 source addresses." });
  await asBob("/vulnerabilities", {
    title: "Outdated OpenSSL on the mail relay",
    severity: "critical",
    discoveredAt: Date.now() - 20 * 86_400_000,
    assignedTo: me.id,
  });
  const receiver = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    fetch: () => new Response(null, { status: 204 }),
  });
  const siem = await api("/integrations/webhooks", "POST", {
    name: "SIEM intake",
    url: `http://127.0.0.1:${receiver.port}/hooks/warden`,
    secret: "whsec_screenshot-secret-0001",
    events: ["incident.created", "incident.assigned", "alert.fired", "vulnerability.overdue"],
  });
  await api(`/integrations/webhooks/${siem.id}/test`, "POST", undefined);
  const chat = await api("/integrations/webhooks", "POST", {
    name: "Team chat",
    url: "http://127.0.0.1:9/chat",
    secret: "whsec_screenshot-secret-0002",
    events: ["incident.created"],
    enabled: false,
  });
  await api(`/integrations/webhooks/${chat.id}/test`, "POST", undefined);
  await api("/incidents", "POST", { title: "Webhook smoke test", severity: "low" });
  // It keeps answering the "send test" of the webhook screenshot, without holding the script open.
  receiver.unref();
}

let failures = 0;

async function capture(
  browser: Browser,
  server: WardenServer,
  shots: Shot[],
  signedIn: boolean,
): Promise<void> {
  for (const theme of THEMES) {
    for (const [size, viewport] of Object.entries(VIEWPORTS)) {
      // The OS preference is the opposite of the cookie, so the cookie visibly wins.
      const context = await browser.newContext({
        viewport,
        colorScheme: theme === "dark" ? "light" : "dark",
        reducedMotion: "reduce",
      });
      await setThemeCookie(context, server.url, theme);
      if (signedIn) await signIn(context, server);
      for (const { name, path, ready, only: onlySize, act, expect } of shots) {
        if ((onlySize && onlySize !== size) || (only && !only.has(name))) continue;
        const page = await context.newPage();
        const problems = collectProblems(page);
        await page.goto(`${server.url}${path}`);
        await page.locator(ready).first().waitFor({ timeout: 10_000 });
        await page.waitForLoadState("networkidle");
        await act?.(page);
        const file = join(OUT_DIR, `${name}-${theme}-${size}.png`);
        await page.screenshot({ path: file, fullPage });
        const reported = problems.all().filter((line) => !expect?.test(line));
        if (reported.length > 0) failures++;
        console.log(`${file}${reported.length ? `\n  ${reported.join("\n  ")}` : ""}`);
        await page.close();
      }
      await context.close();
    }
  }
}

// The webhooks of the seed call receivers on loopback, which webhooks may not reach by default.
const server = await startServer({ WARDEN_WEBHOOKS_ALLOWEDTARGETS: "public,127.0.0.0/8" });
const browser = await launchBrowser();
try {
  await capture(browser, server, FIRST_RUN, false);
  await seed(server);
  await capture(browser, server, ANONYMOUS, false);
  await capture(browser, server, SIGNED_IN, true);
} finally {
  await browser.close();
  await server.stop();
}
if (failures > 0) {
  console.error(`${failures} page(s) reported console or page errors`);
  process.exit(1);
}
