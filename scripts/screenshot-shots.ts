/**
 * The views `scripts/screenshots.ts` takes: the first-run setup, the pages seen without a
 * session, and the signed-in pages, each with what brings it into the state to show.
 */
import type { Locator, Page } from "playwright-core";
import type { RecordKind } from "../src/kit/record-kind.ts";
import { ASSET } from "../src/modules/assets/kind.ts";
import { DOCUMENT } from "../src/modules/documents/kind.ts";
import { INCIDENT } from "../src/modules/incidents/kind.ts";
import { RISK } from "../src/modules/risks/kind.ts";
import { THREAT_KIND } from "../src/modules/threats/kind.ts";
import { VENDOR_KIND } from "../src/modules/vendors/kind.ts";
import { VULNERABILITY } from "../src/modules/vulnerabilities/kind.ts";
import type { VIEWPORTS } from "../test/e2e/helpers.ts";

/** A view to capture; `act` brings the page into the state to show (an open menu …). */
export interface Shot {
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

type Act = (page: Page) => Promise<void>;

/** Opens the first link (or the `nth`) of the list rows `rows`, then waits for `testid` on the page it leads to. */
function openRow(rows: string, testid: string, nth = 0): Act {
  return async (page) => {
    await page.locator(`${rows} a`).nth(nth).click();
    await page.getByTestId(testid).waitFor();
  };
}

/** Does `before`, then clicks what `trigger` finds and waits for the confirm dialog it opens. */
function openDialog(trigger: (page: Page) => Locator, before?: Act): Act {
  return async (page) => {
    await before?.(page);
    await trigger(page).click();
    await page.locator("dialog[open]").waitFor();
  };
}

/** The list at `path`, ready once its table `table` shows, brought into a state by `act` (a record opened …). */
function opened(name: string, path: string, table: string, act: Act): Shot {
  return { name, path, ready: `[data-testid=${table}]`, act };
}

/** The page at `path` (ready once `ready` shows) after `act` had a request refused with `status` (the console line it causes). */
function refused(name: string, path: string, ready: string, status: number, act: Act): Shot {
  return { name, path, ready, expect: new RegExp(`status of ${status}`), act };
}

/** The form `<form>-form` at `path` sent with mistakes (`fill` types them): the field errors it answers with. */
function formErrors(name: string, path: string, form: string, fill?: Act): Shot {
  return refused(name, path, `[data-testid=${form}-form]`, 422, async (page) => {
    await fill?.(page);
    await page.getByTestId(`${form}-submit`).click();
    await page.locator(".field-error").first().waitFor();
  });
}

/** Where a record module's views are shown from: the list, a record opened from it, the refused new form. */
interface RecordViews {
  /** The list's address (its path unless given). */
  list?: string;
  /** The list a record is opened from, the rows holding its links (`#<one>-rows` unless given), and the test id its page shows. */
  open: { from: string; rows?: string; shows: string };
  /** The new form's mistakes: what to type into each field, by its label (an empty form unless given). */
  fill?: Record<string, string>;
}

/** A record module's three views, named `<many>`, `<one>` and `<one>-new-errors`. */
function recordShots(kind: RecordKind, views: RecordViews): Shot[] {
  const table = `${kind.many}-table`;
  const { from, rows = `#${kind.one}-rows`, shows } = views.open;
  return [
    { name: kind.many, path: views.list ?? kind.path, ready: `[data-testid=${table}]` },
    opened(kind.one, from, table, openRow(rows, shows)),
    formErrors(`${kind.one}-new-errors`, `${kind.path}/new`, kind.one, async (page) => {
      for (const [label, value] of Object.entries(views.fill ?? {})) await page.getByLabel(label).fill(value);
    }),
  ];
}

/** Taken while no user exists. */
export const FIRST_RUN: Shot[] = [
  refused("setup-error", "/setup", "form[action='/setup']", 422, async (page) => {
    await page.getByLabel("Email").fill("root@example.test");
    await page.getByLabel("Username").fill("Root");
    await page.getByLabel("Password", { exact: true }).fill("short");
    await page.getByLabel("Confirm password").fill("other");
    await page.getByRole("button", { name: "Create admin and sign in" }).click();
    await page.locator(".field-error").first().waitFor();
  }),
  { name: "setup", path: "/setup", ready: "form[action='/setup']" },
];

/** Taken without a session, once the admin exists. */
export const ANONYMOUS: Shot[] = [
  { name: "login", path: "/login", ready: "form[action='/login']" },
  refused("login-refused", "/login", "form[action='/login']", 401, async (page) => {
    await page.getByLabel("Email or username").fill("admin");
    await page.getByLabel("Password").fill("not-my-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByTestId("login-refused").waitFor();
  }),
];

const openDocument = openRow("#document-rows", "ack-table");
const openProcess = openRow("#process-rows", "process-panel");

/** Taken signed in as the admin. */
export const SIGNED_IN: Shot[] = [
  { name: "dashboard", path: "/", ready: "main h1" },
  { name: "api-docs", path: "/api/docs", ready: ".swagger-ui .info" },
  { name: "not-found", path: "/no-such-page", ready: ".error-page", expect: /status of 404/ },
  { name: "invalid-link", path: "/incidents?cursor=stale", ready: ".error-fields", expect: /status of 422/ },
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
  refused("users-create-error", "/users", "[data-testid=users-table]", 422, async (page) => {
    await page.locator("#new-user > summary").click();
    const form = page.getByTestId("create-user-form");
    await form.getByLabel("Email").fill("mallory@example.test");
    await form.getByLabel("Username").fill("bob");
    await form.getByLabel("Initial password").fill("short");
    await form.getByRole("button", { name: "Create user" }).click();
    await page.locator("#field-username-error").waitFor();
  }),
  opened(
    "users-deactivate-dialog",
    "/users",
    "users-table",
    openDialog((page) => page.getByTestId("user-bob").getByRole("button", { name: "Deactivate" })),
  ),
  opened(
    "users-reset-dialog",
    "/users",
    "users-table",
    openDialog((page) => page.getByTestId("user-carol").getByRole("link", { name: "Reset password" })),
  ),
  refused("users-last-admin", "/users", "[data-testid=users-table]", 409, async (page) => {
    const row = page.getByTestId("user-admin");
    await row.getByRole("combobox").selectOption("viewer");
    await row.getByRole("button", { name: "Save" }).click();
    await page.getByTestId("row-error").waitFor();
  }),
  { name: "audit", path: "/audit", ready: "[data-testid=audit-table]" },
  {
    name: "audit-filtered",
    path: "/audit?action=user.update&from=2020-01-01",
    ready: "[data-testid=audit-table]",
  },
  { name: "tokens", path: "/tokens", ready: "[data-testid=tokens-table]" },
  { name: "hosts", path: "/hosts", ready: "[data-testid=host-web-01]" },
  {
    name: "host",
    path: "/hosts",
    ready: "[data-testid=host-web-01]",
    act: async (page) => {
      await page.getByTestId("host-web-01").getByRole("link", { name: "web-01" }).click();
      await page.locator("[data-live-host] [data-metric=cpu]").waitFor();
      await page.waitForTimeout(1500);
    },
  },
  {
    name: "host-windows",
    path: "/hosts",
    ready: "[data-testid=host-web-01]",
    act: async (page) => {
      await page.getByTestId("host-web-01").getByRole("link", { name: "web-01" }).click();
      await page.getByRole("link", { name: "Windows", exact: true }).last().click();
      await page.getByTestId("windows-table").waitFor({ timeout: 15_000 });
    },
  },
  { name: "profile", path: "/profile", ready: "[data-testid=profile-form]" },
  { name: "profile-security", path: "/profile/security", ready: "[data-testid=passkeys-panel]" },
  { name: "search", path: "/search?q=ssh", ready: "[data-testid=search-page]" },
  ...recordShots(INCIDENT, { open: { from: "/incidents?sort=severity", shows: "timeline" } }),
  { name: "soc", path: "/soc", ready: "[data-testid=alerts-table]" },
  opened("soc-alert", "/soc?q=miner", "alerts-table", openRow("#alert-rows", "alert-context")),
  refused("soc-bulk-error", "/soc", "[data-testid=alerts-table]", 422, async (page) => {
    await page.getByTestId("bulk-new-case").click();
    await page.getByTestId("bulk-error").waitFor();
  }),
  { name: "soc-cases", path: "/soc/cases", ready: "[data-testid=cases-table]" },
  opened("soc-case", "/soc/cases", "cases-table", openRow("#case-rows", "case-alerts")),
  opened(
    "incident-alert",
    "/incidents?q=miner",
    "incidents-table",
    openRow("#incident-rows", "alert-snapshot"),
  ),
  ...recordShots(THREAT_KIND, {
    open: { from: "/threats", shows: "threat-techniques" },
    fill: { Name: "Insider copying designs", "ATT&CK techniques": "T1052 T9999" },
  }),
  { name: "threats-matrix", path: "/threats/matrix", ready: "[data-testid=attack-matrix]" },
  { name: "threats-technique", path: "/threats/techniques/T1059", ready: "[data-testid=technique-title]" },
  { name: "threats-import", path: "/threats/import", ready: "input[name=bundle]" },
  ...recordShots(VENDOR_KIND, {
    open: { from: "/vendors?q=contoso", shows: "vendor-title" },
    fill: { Name: "Fabrikam Backup" },
  }),
  ...recordShots(RISK, {
    open: { from: "/risks?q=Ransomware", shows: "acceptance-panel" },
    fill: { Title: "Supplier outage stops shipping", "Treatment due": "2030-01-01" },
  }),
  {
    name: "risk-trend",
    path: "/risks/trend",
    ready: "[data-testid=risk-trend]",
    act: async (page) => {
      await page.locator("[data-testid=risk-trend-current] canvas").waitFor();
    },
  },
  ...recordShots(ASSET, {
    list: "/cmdb?sort=-criticality,name",
    open: { from: "/cmdb?q=Payments+API", shows: "asset-facts" },
    fill: { "Host name": "db 01", "IP addresses": "10.0.0.5\n10.0.0.300" },
  }),
  opened(
    "asset-host",
    "/cmdb?sort=-updatedAt",
    "assets-table",
    openRow("#asset-rows tr:has([data-testid=asset-managed])", "asset-facts"),
  ),
  refused("asset-cycle", "/cmdb?q=Object+storage", "[data-testid=assets-table]", 422, async (page) => {
    await openRow("#asset-rows", "asset-facts")(page);
    await page.getByLabel("Add an asset it depends on").selectOption({ label: "Checkout web" });
    await page.getByTestId("add-dependencies").click();
    await page.locator("#field-dependencies-error").waitFor();
  }),
  ...recordShots(VULNERABILITY, {
    open: { from: "/vulnerabilities?q=xz", shows: "vulnerability-cvss" },
    fill: {
      Title: "Outdated OpenSSL on the edge firewall",
      "CVSS vector": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H",
    },
  }),
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
  ...recordShots(DOCUMENT, { open: { from: "/documents?q=Information+security", shows: "ack-table" } }),
  opened("document-diff", "/documents?q=Information+security", "documents-table", async (page) => {
    await openDocument(page);
    await page.getByRole("link", { name: "Changes v1 → v2" }).click();
    await page.getByTestId("diff").waitFor();
  }),
  opened("document-version", "/documents?q=Information+security", "documents-table", async (page) => {
    await openDocument(page);
    await page.getByRole("link", { name: "v1", exact: true }).click();
    await page.getByTestId("version-content").waitFor();
  }),
  opened(
    "document-publish-dialog",
    "/documents?q=Password+standard",
    "documents-table",
    openDialog(
      (page) => page.getByTestId("move-published").getByRole("button").first(),
      (page) => page.locator("#document-rows a").first().click(),
    ),
  ),
  { name: "rules", path: "/soc/rules", ready: "[data-testid=rules-table]" },
  formErrors("rule-new-errors", "/soc/rules/new", "rule", async (page) => {
    await page.getByLabel("Threshold", { exact: true }).fill("120");
    await page.getByLabel("Clear threshold").fill("130");
  }),
  opened("rule-edit", "/soc/rules?origin=database", "rules-table", async (page) => {
    await page.locator("#rule-rows").getByRole("link", { name: "Edit" }).nth(1).click();
    await page.getByTestId("rule-form").waitFor();
  }),
  opened(
    "rule-delete-dialog",
    "/soc/rules?origin=database",
    "rules-table",
    openDialog((page) => page.locator("#rule-rows").getByRole("button", { name: "Delete" }).first()),
  ),
  { name: "processes", path: "/processes", ready: "[data-testid=process-table]" },
  { name: "network", path: "/network", ready: "[data-testid=connections-table]" },
  { name: "scans", path: "/network/scans", ready: "[data-testid=scans-table]" },
  refused("scans-errors", "/network/scans", "[data-testid=scan-form]", 403, async (page) => {
    await page.getByLabel("Target").fill("192.0.2.10");
    await page.getByTestId("scan-submit").click();
    await page.locator(".field-error").first().waitFor();
  }),
  opened("scan", "/network/scans?sort=createdAt", "scans-table", openRow("#scan-rows", "scan-diff", 1)),
  { name: "scan-schedules", path: "/network/scans/schedules", ready: "[data-testid=schedules-table]" },
  // The screenshot server has no desktop session: the page says why there are no windows.
  { name: "windows-no-session", path: "/windows", ready: "[data-testid=windows-unavailable]" },
  { name: "processes-tree", path: "/processes?view=tree&sort=pid", ready: "[data-testid=process-table]" },
  opened("processes-panel", "/processes?q=bun", "process-table", openProcess),
  opened(
    "processes-confirm",
    "/processes?q=bun",
    "process-table",
    openDialog((page) => page.getByRole("link", { name: "Kill" }), openProcess),
  ),
  { name: "notifications", path: "/notifications", ready: "[data-testid=notifications]" },
  {
    name: "notification-preferences",
    path: "/notifications/preferences",
    ready: "[data-testid=preferences-form]",
  },
  { name: "webhooks", path: "/integrations/webhooks", ready: "[data-testid=webhooks-table]" },
  opened("webhook", "/integrations/webhooks", "webhooks-table", async (page) => {
    await page.getByRole("link", { name: "SIEM intake" }).click();
    await page.getByTestId("deliveries-table").waitFor();
    await page.getByTestId("send-test").click();
    await page.getByTestId("test-result").waitFor();
  }),
  opened("tokens-created", "/tokens", "tokens-table", async (page) => {
    await page.getByLabel("Name").fill("grafana");
    await page.getByLabel("Expires after (days)").fill("90");
    await page.getByRole("button", { name: "Create token" }).click();
    await page.getByTestId("new-token").waitFor();
  }),
];
