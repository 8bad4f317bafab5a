/**
 * Documents in a real browser against a real `warden serve`, as the admin: create one from
 * the form (after a refused empty submit), send it to review, approve it, publish it through
 * the confirmation dialog, acknowledge it and see the acknowledgment on the page; and a list
 * open in another tab updates by itself.
 */
import { expect } from "bun:test";
import { E2E_ADMIN, useServerAndBrowser } from "./helpers.ts";
import { submitRecord, testRecordPages } from "./record-pages.ts";

const e2e = useServerAndBrowser();

testRecordPages(e2e, {
  path: "/documents",
  kind: "document",
  refused: { message: "Enter a title." },
  walk: {
    name: "create, review, approve, publish and acknowledge",
    timeout: 45_000,
    async body({ page }) {
      const title = `Acceptable use ${Date.now()}`;
      await page.getByLabel("Title", { exact: true }).fill(title);
      await page.getByLabel("Category").selectOption("policy");
      await page.getByLabel("Frameworks").fill("ISO 27001, SOC 2");
      await page.getByLabel("Every active user must acknowledge each published version").check();
      await page.getByLabel("Text", { exact: true }).fill("# Rules\n\nUse **company** devices for work.");
      await submitRecord(page, "document");
      expect(await page.getByTestId("document-title").textContent()).toBe(title);
      expect(await page.getByTestId("document-id").textContent()).toMatch(/^POL-\d{3}$/);
      expect(await page.getByTestId("document-content").innerHTML()).toContain("<strong>company</strong>");

      const status = (s: string) =>
        page.waitForFunction(
          (want) => document.querySelector("[data-testid=document-status]")?.textContent === want,
          s,
        );
      await page.getByTestId("move-in_review").click();
      await status("In review");
      await page.getByTestId("move-approved").click();
      await status("Approved");

      await page.getByTestId("move-published").getByRole("button", { name: "Publish version 1" }).click();
      await page.locator("dialog[open]").waitFor();
      await page.getByTestId("published-document-confirm").click();
      await status("Published");
      await page.getByText("Published.", { exact: true }).waitFor();
      await page.getByTestId("version-1").waitFor();
      expect(await page.getByTestId("published-version").textContent()).toContain("v1");

      await page.getByTestId("acknowledge").click();
      await page.getByTestId("acknowledged").waitFor();
      expect(await page.getByTestId("acknowledged").textContent()).toContain("You acknowledged version 1");
      expect(await page.getByTestId("ack-summary").textContent()).toBe("1 of 1 active users acknowledged.");
      const row = page.getByTestId("ack-table").getByRole("row", { name: new RegExp(E2E_ADMIN.displayName) });
      expect(await row.textContent()).toContain("Acknowledged");
      expect(await page.getByTestId("acknowledge").count()).toBe(0);
    },
  },
  live: {
    name: "an open list refreshes when someone else creates a document",
    record: "Live document",
    label: "Title",
    choose: ["Category", "record"],
  },
});
