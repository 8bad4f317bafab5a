/**
 * The risk register in a real browser against a real `warden serve`, as one story: an admin
 * imports ATT&CK (a copy of the shipped bundle with one technique renamed, previewed as a
 * change, then applied), raises alerts naming techniques and sees the matrix coloured by
 * them, records an asset with an overdue critical vulnerability, records a risk on that asset
 * in the form, reads the suggested likelihood with its reasons (one links to the
 * vulnerability), applies it and asks to accept the risk; a manager signs in and approves;
 * the risk shows as accepted and counts in its cell of the heat map; the trend page renders.
 */
import { describe, expect } from "bun:test";
import { shippedCatalogText } from "../../src/modules/threats/shipped-catalog.ts";
import { adminSession, E2E_ADMIN, useServerAndBrowser } from "./helpers.ts";

const e2e = useServerAndBrowser();

const DAY_MS = 86_400_000;

/** The shipped ATT&CK bundle with technique `attackId` renamed `name`. */
function bundleRenaming(attackId: string, name: string): Buffer {
  const bundle = JSON.parse(shippedCatalogText()) as {
    objects: { type: string; name?: string; external_references?: { external_id?: string }[] }[];
  };
  const technique = bundle.objects.find(
    (o) => o.type === "attack-pattern" && o.external_references?.some((r) => r.external_id === attackId),
  );
  if (!technique) throw new Error(`${attackId} is not in the shipped bundle`);
  technique.name = name;
  return Buffer.from(JSON.stringify(bundle));
}

describe("risk register", () => {
  e2e.test(
    "ATT&CK import, alerts on the matrix, evidence-based likelihood applied, acceptance approved by a manager",
    async ({ page }) => {
      const base = e2e.server.url;
      const admin = await adminSession(e2e.server);

      // ATT&CK: the copy renames one technique; the preview says so, then it is applied.
      await page.goto(`${base}/threats/import`);
      await page.getByLabel("STIX bundle (JSON)").setInputFiles({
        name: "enterprise-attack.json",
        mimeType: "application/json",
        buffer: bundleRenaming("T1105", "Ingress Tool Transfer (renamed)"),
      });
      await page.getByTestId("import-preview-button").click();
      const preview = page.getByTestId("import-preview");
      await preview.waitFor();
      const techniquesRow = preview.getByTestId("import-diff").locator("tr", { hasText: "Techniques" });
      expect(await techniquesRow.locator("td").nth(1).textContent()).toContain("T1105");
      await page.getByTestId("import-apply").click();
      await page.getByTestId("import-applied").waitFor();
      expect((await admin("/threats/techniques/T1105")).name).toBe("Ingress Tool Transfer (renamed)");

      // An asset with an overdue critical vulnerability (found 30 days ago, due after 7).
      const asset = await admin("/cmdb/assets", "POST", {
        name: "Payments web",
        assetType: "server",
        hostname: "pay-web01.example.test",
      });
      const vulnerability = await admin("/vulnerabilities", "POST", {
        title: "Remote code execution in the payment gateway",
        severity: "critical",
        discoveredAt: Date.now() - 30 * DAY_MS,
        assetIds: [asset.id],
      });
      expect(vulnerability.dueAt as number).toBeLessThan(Date.now());

      // Alerts naming techniques, two of them on the asset's host; the matrix shows them.
      for (const [title, techniques, host] of [
        ["Encoded PowerShell on pay-web01", ["T1059.001"], "pay-web01.example.test"],
        ["Download cradle on pay-web01", ["T1059.001", "T1105"], "pay-web01.example.test"],
        ["Password spraying", ["T1110.003"], undefined],
      ] as const) {
        const alert = await admin("/soc/alerts", "POST", { title, severity: "high", techniques, host });
        expect(alert.id).toBeString();
      }
      await page.goto(`${base}/threats/matrix`);
      const cell = page.getByTestId("cell-T1059");
      await expect(cell.getAttribute("data-count")).resolves.toBe("2");
      await expect(cell.getAttribute("class")).resolves.not.toContain("heat-0");
      await expect(page.getByTestId("cell-T1003").getAttribute("class")).resolves.toContain("heat-0");

      // The risk, recorded in the form, linked to the asset and a technique.
      await page.goto(`${base}/risks/new`);
      await page.getByLabel("Title").fill("Card data stolen from the payment gateway");
      await page.getByLabel("Owner").selectOption({ label: E2E_ADMIN.displayName });
      await page.getByLabel("Category").selectOption("technical");
      await page.getByLabel("Inherent likelihood").selectOption("2");
      await page.getByLabel("Inherent impact").selectOption("4");
      await page.getByLabel("Assets").selectOption(String(asset.id));
      await page.getByLabel("ATT&CK techniques").fill("T1059.001");
      await page.getByTestId("risk-submit").click();
      await page.waitForURL(/\/risks\/[0-9a-f-]+\?notice=created$/);
      const riskUrl = page.url().replace(/\?.*$/, "");

      // The suggestion: above the current likelihood, for the reasons listed.
      const suggestion = page.getByTestId("risk-suggestion");
      await suggestion.waitFor();
      expect(await suggestion.getByTestId("current-level").textContent()).toBe("2 · Unlikely");
      const reasons = suggestion.getByTestId("suggestion-reasons").locator("li");
      expect(await reasons.count()).toBeGreaterThanOrEqual(3);
      const vulnerabilityReason = suggestion.locator(`a[href="/vulnerabilities/${vulnerability.id}"]`);
      expect(await vulnerabilityReason.textContent()).toContain("overdue");
      await expect(suggestion.locator('li[data-kind="alert"]').count()).resolves.toBe(2);
      await expect(suggestion.locator('li[data-kind="technique"]').count()).resolves.toBe(1);
      const suggested = (await suggestion.getByTestId("suggested-level").textContent()) ?? "";
      const likelihood = Number(suggested.split(" ")[0]);
      expect(likelihood).toBeGreaterThan(2);
      // Nothing changed yet: only a person applies it.
      expect(await page.getByTestId("score-current").textContent()).toContain("2");
      await page.getByTestId("apply-suggestion").click();
      await page.waitForURL(/notice=applied/);
      await page.getByText("Current likelihood set to the suggestion.").waitFor();
      expect(await page.getByTestId("current-level").textContent()).toBe(suggested);
      await page.getByTestId("suggestion-same").waitFor();

      // Acceptance requested by the admin…
      const form = page.getByTestId("acceptance-form");
      await form.getByLabel("Reason").fill("Compensating controls until the gateway is replaced.");
      const until = new Date(Date.now() + 90 * DAY_MS).toISOString().slice(0, 10);
      await form.getByLabel("Accepted until").fill(until);
      await page.getByTestId("acceptance-request").click();
      await page.waitForURL(/notice=requested/);
      expect(await page.getByTestId("acceptance-status").textContent()).toBe("Pending approval");

      // …approved by a manager in their own browser session.
      const manager = { username: "mona", password: "e2e-manager-password-1" };
      const created = await admin("/users", "POST", {
        email: "mona@example.test",
        username: manager.username,
        displayName: "Mona Manager",
        role: "manager",
        password: manager.password,
      });
      expect(created.id).toBeString();
      const managerContext = await e2e.browser.newContext();
      try {
        const signIn = await managerContext.request.post(`${base}/login`, {
          form: { login: manager.username, password: manager.password },
          headers: { Origin: base },
          maxRedirects: 0,
        });
        expect(signIn.status()).toBe(303);
        const managerPage = await managerContext.newPage();
        await managerPage.goto(riskUrl);
        await managerPage.getByTestId("acceptance-approve").click();
        await managerPage.waitForURL(/notice=approved/);
        expect(await managerPage.getByTestId("acceptance-status").textContent()).toBe("Approved");
      } finally {
        await managerContext.close();
      }

      // The admin sees it accepted, and counted in its cell of the heat map.
      await page.goto(riskUrl);
      expect(await page.getByTestId("acceptance-status").textContent()).toBe("Approved");
      expect(await page.getByTestId("risk-treatment").textContent()).toContain("Accept");
      await page.goto(`${base}/risks`);
      const heat = page.getByTestId(`cell-current-${likelihood}-4`);
      expect((await heat.locator(".num").textContent())?.trim()).toBe("1");
      expect((await page.getByTestId("cell-current-2-4").locator(".num").textContent())?.trim()).toBe("0");

      // The trend page renders (today's snapshot was taken at start: an empty register).
      await page.getByTestId("risk-trend-link").click();
      await page.waitForURL(/\/risks\/trend$/);
      await page.getByTestId("risk-trend").waitFor();
      await page.getByRole("link", { name: "This year" }).click();
      await page.waitForURL(/period=year/);
      expect(await page.getByRole("link", { name: "This year" }).getAttribute("aria-current")).toBe("true");
    },
    { timeout: 90_000 },
  );
});
