/**
 * Incidents in a real browser against a real `warden serve`: open one from the form
 * (after a refused empty submit), edit and assign it, move it through the whole workflow
 * with the buttons, comment; and a list open in another tab updates by itself.
 */
import { describe, expect } from "bun:test";
import { adminSession, E2E_ADMIN, useServerAndBrowser } from "./helpers.ts";
import { saveRecord, submitRecord, testRecordPages } from "./record-pages.ts";

const e2e = useServerAndBrowser();

testRecordPages(e2e, {
  path: "/incidents",
  kind: "incident",
  refused: { message: "Enter a title." },
  walk: {
    name: "create, edit, assign, move through the workflow, comment",
    timeout: 30_000,
    async body({ page }) {
      const title = `Beaconing host ${Date.now()}`;
      await page.getByLabel("Title").fill(title);
      await page.getByLabel("Severity").selectOption("high");
      await page.getByLabel("Category").fill("network");
      await page.getByLabel("Description").fill("Outbound to **203.0.113.9** every 60 s.");
      await submitRecord(page, "incident");
      expect(await page.getByTestId("incident-title").textContent()).toBe(title);
      expect(await page.getByTestId("incident-description").innerHTML()).toContain(
        "<strong>203.0.113.9</strong>",
      );

      await page.getByRole("link", { name: "Edit" }).click();
      await page.getByTestId("incident-form").waitFor();
      await page.getByLabel("Severity").selectOption("critical");
      await page.getByLabel("Assignee").selectOption({ label: E2E_ADMIN.displayName });
      await saveRecord(page, "incident");
      expect(await page.getByTestId("incident-assignee").textContent()).toBe(E2E_ADMIN.displayName);

      for (const status of ["triage", "containment", "eradication", "recovery", "closed"]) {
        await page.getByTestId(`move-${status}`).click();
        await page.waitForFunction(
          (s) => document.querySelector("[data-testid=incident-status]")?.textContent?.toLowerCase() === s,
          status,
        );
      }
      expect(await page.getByTestId("timeline-status").count()).toBe(5);
      await page.getByLabel("Comment").fill("Closed after **reimaging** the host.");
      await page.getByTestId("comment-submit").click();
      await page.getByText("Comment added.").waitFor();
      expect(await page.getByTestId("timeline-comment").last().innerHTML()).toContain(
        "<strong>reimaging</strong>",
      );
    },
  },
  live: {
    name: "an open list refreshes when someone else opens an incident",
    record: "Live row",
    label: "Title",
    choose: ["Severity", "low"],
  },
});

describe("incidents", () => {
  e2e.test(
    "a live refresh stays on the page the user is on, and the filters they typed",
    async ({ page }) => {
      const api = await adminSession(e2e.server);
      const stamp = `Paged${Date.now()}`;
      const open = (letter: string) =>
        api("/incidents", "POST", { title: `${stamp} ${letter}`, severity: "low" });
      for (const letter of ["A", "B", "C"]) await open(letter);
      // By title, two a page: A B | C; Next reads the page after B by its cursor.
      await page.goto(`${e2e.server.url}/incidents?q=${stamp}&sort=title&pageSize=2`);
      const rows = page.getByTestId("incidents-table").locator("tbody tr");
      await rows.getByText(`${stamp} A`).waitFor();
      await page.locator('.pagination a[rel="next"]').click();
      // The pointer leaves the list (over the table it would hold the live refresh).
      await page.mouse.move(0, 0);
      await page.waitForURL((url) => url.searchParams.has("cursor"));
      const cursor = new URL(page.url()).searchParams.get("cursor");
      await rows.getByText(`${stamp} C`).waitFor();
      await page.locator("[data-bell][data-counted=true]").waitFor();
      await open("D");
      // Someone else's incident lands on this page (C D), not page one (A B).
      await rows.getByText(`${stamp} D`).waitFor({ timeout: 5000 });
      expect(await rows.allTextContents()).toEqual([
        expect.stringContaining(`${stamp} C`),
        expect.stringContaining(`${stamp} D`),
      ]);
      expect(new URL(page.url()).searchParams.get("cursor")).toBe(cursor);
      expect(new URL(page.url()).searchParams.get("n")).toBe("2");
      // Typing a search starts again from the first page (of the default size: the search
      // form carries the order, not the page size), and later refreshes stay there.
      await page.getByLabel("Search").fill(`${stamp} `);
      await page.waitForURL((url) => !url.searchParams.has("cursor"));
      await rows.getByText(`${stamp} A`).waitFor();
      await open("E");
      await rows.getByText(`${stamp} E`).waitFor({ timeout: 5000 });
      expect((await rows.allTextContents()).length).toBe(5);
      expect(new URL(page.url()).searchParams.has("cursor")).toBe(false);
    },
    { timeout: 30_000 },
  );
});
