/**
 * Vulnerabilities in a real browser against a real `warden serve`: record one from the
 * form with a CVSS vector (after a refused bad vector) and see its score, severity and
 * assets; upload a small CSV with one bad row — the row's problem is shown and nothing is
 * imported — then correct it in place and import it, while a list open in another tab
 * shows the new rows by itself.
 */
import { describe, expect } from "bun:test";
import type { BrowserContext } from "playwright-core";
import { allowRefusedForm, useServerAndBrowser } from "./helpers.ts";
import { submitRecord } from "./record-pages.ts";

const e2e = useServerAndBrowser();

/** Adds an asset through the API with the context's session (a same-origin call, as the pages make). */
async function addAsset(context: BrowserContext, name: string, hostname: string): Promise<void> {
  const res = await context.request.post(`${e2e.server.url}/api/v1/cmdb/assets`, {
    data: { name, assetType: "server", hostname },
    headers: { Origin: e2e.server.url },
  });
  if (res.status() !== 201) throw new Error(`asset: ${res.status()} ${await res.text()}`);
}

async function total(context: BrowserContext, q: string): Promise<number> {
  const res = await context.request.get(
    `${e2e.server.url}/api/v1/vulnerabilities?q=${encodeURIComponent(q)}`,
  );
  return (await res.json()).total;
}

describe("vulnerabilities", () => {
  e2e.test(
    "record one with a CVSS vector and see its score",
    async ({ page, context }) => {
      await addAsset(context, "edge-proxy", "edge01.example.com");
      const title = `Request smuggling ${Date.now()}`;
      await page.goto(`${e2e.server.url}/vulnerabilities`);
      await page.getByTestId("new-vulnerability").click();
      await page.getByTestId("vulnerability-form").waitFor();
      await page.getByLabel("Title").fill(title);
      await page.getByLabel("CVE id").fill("cve-2025-55315");
      await page.getByLabel("CVSS vector").fill("CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:N/VC:H/VI:L");
      await page.getByLabel("Affected assets").selectOption({ label: "edge-proxy" });
      await page.getByTestId("vulnerability-submit").click();
      await page.getByText("Missing base metrics: VA, SC, SI and SA.").waitFor();
      expect(await page.getByLabel("Title").inputValue()).toBe(title);
      await page
        .getByLabel("CVSS vector")
        .fill("CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:N/VC:H/VI:L/VA:N/SC:N/SI:N/SA:N");
      await submitRecord(page, "vulnerability");
      expect(await page.getByTestId("vulnerability-title").textContent()).toBe(title);
      expect(await page.getByTestId("vulnerability-cve").textContent()).toBe("CVE-2025-55315");
      const cvss = page.getByTestId("vulnerability-cvss");
      expect(await cvss.locator(".vuln-score").textContent()).toBe("7.1");
      expect(await cvss.locator(".badge").textContent()).toBe("High");
      expect(await page.getByTestId("vulnerability-assets").textContent()).toContain("edge-proxy");
      await page.getByTestId("move-in_progress").click();
      await page.getByText("Status changed.").waitFor();
      expect(await page.getByTestId("vulnerability-status").textContent()).toBe("In progress");
    },
    { allowProblem: allowRefusedForm, timeout: 30_000 },
  );

  e2e.test(
    "import a CSV: a bad row is shown and nothing is imported; corrected, everything is, and an open list shows it",
    async ({ page, context }) => {
      await addAsset(context, "mail01", "mail01.example.com");
      const tag = `imported-${Date.now()}`;
      const list = await context.newPage();
      await list.goto(`${e2e.server.url}/vulnerabilities`);
      await list.getByTestId("vulnerabilities-table").waitFor();
      await list.waitForTimeout(500);

      const csv = (vector: string) =>
        [
          "title,cve_id,cvss_vector,severity,asset",
          `${tag} exim,CVE-2025-30232,CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H,,mail01`,
          `${tag} relay,,${vector},,mail01.example.com`,
        ].join("\n");
      await page.goto(`${e2e.server.url}/vulnerabilities`);
      await page.getByTestId("import-vulnerabilities").click();
      await page.getByTestId("import-form").waitFor();
      await page.getByLabel("File").setInputFiles({
        name: "scan.csv",
        mimeType: "text/csv",
        buffer: Buffer.from(csv("CVSS:3.1/AV:N/AC:L/PR:N")),
      });
      await page.getByTestId("import-preview-button").click();
      const badRow = page.getByTestId("import-row-3");
      await badRow.waitFor();
      expect(await badRow.textContent()).toContain("cvss_vector: Missing base metrics: UI, S, C, I and A.");
      expect(await page.getByTestId("import-summary").textContent()).toContain("1 of 2 rows have problems.");
      expect(await page.getByTestId("import-confirm").count()).toBe(0);
      expect(await total(context, tag)).toBe(0);

      // Importing anyway (the import route checks again) is refused and writes nothing.
      const refused = await context.request.post(`${e2e.server.url}/vulnerabilities/import`, {
        form: { content: csv("CVSS:3.1/AV:N/AC:L/PR:N"), format: "csv" },
        headers: { Origin: e2e.server.url },
        maxRedirects: 0,
      });
      expect(refused.status()).toBe(422);
      expect(await total(context, tag)).toBe(0);

      // The uploaded file's text is in the form now, to be corrected in place.
      const content = page.getByLabel("Or paste the content");
      expect(await content.inputValue()).toContain(`${tag} relay`);
      await content.fill(csv("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N"));
      await page.getByTestId("import-preview-button").click();
      await page.getByText("No problems found: 2 to import.").waitFor();
      expect(await page.getByTestId("import-row-3").textContent()).toContain("5.3");
      await page.getByTestId("import-confirm").click();
      await page.getByText("Imported 2 vulnerabilities.").waitFor();
      expect(await total(context, tag)).toBe(2);
      await list.getByText(`${tag} exim`).waitFor({ timeout: 5000 });
      await list.getByText(`${tag} relay`).waitFor();
    },
    { allowProblem: allowRefusedForm, timeout: 40_000 },
  );
});
