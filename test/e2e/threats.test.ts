/**
 * The ATT&CK matrix in a real browser against a real `warden serve` (which imports the
 * shipped ATT&CK subset at its first start): alerts raised through the API with techniques
 * colour their cells with counts; the period select narrows them; a cell opens its
 * technique's page listing the alerts that name it (or its sub-techniques); an alert's page
 * shows its techniques as chips and sets them (a refused id answered in place). The
 * organisation's own threats: recorded from the form (after a refused unknown technique),
 * edited, deleted through the dialog; and a list open in another tab updates by itself.
 */
import { describe, expect } from "bun:test";
import { adminFetch, useServerAndBrowser, type WardenServer } from "./helpers.ts";
import { saveRecord, submitRecord, testRecordPages } from "./record-pages.ts";

const e2e = useServerAndBrowser();

/** Raises a SOC alert as the admin. */
async function raise(server: WardenServer, body: unknown): Promise<Response> {
  return (await adminFetch(server))("/soc/alerts", "POST", body);
}

describe("ATT&CK matrix", () => {
  e2e.test(
    "alerts raised with techniques colour the matrix; a cell opens the technique and its alerts",
    async ({ page }) => {
      for (const [title, techniques] of [
        ["Encoded PowerShell on web01", ["T1059.001"]],
        ["PowerShell download cradle", ["T1059.001", "T1105"]],
        ["Bash reverse shell", ["T1059.004"]],
        ["Password spraying", ["T1110.003"]],
      ] as const) {
        const res = await raise(e2e.server, { title, severity: "high", techniques });
        expect(res.status).toBe(201);
      }
      const unknown = await raise(e2e.server, { title: "Bad", severity: "low", techniques: ["T0000"] });
      expect(unknown.status).toBe(422);

      await page.goto(`${e2e.server.url}/threats/matrix`);
      const cell = page.getByTestId("cell-T1059");
      await expect(cell.getAttribute("data-count")).resolves.toBe("3");
      await expect(cell.getAttribute("class")).resolves.toContain("heat-4");
      expect(await cell.locator(".attack-cell-count").textContent()).toBe("3");
      await expect(page.getByTestId("cell-T1110").getAttribute("class")).resolves.toContain("heat-2");
      await expect(page.getByTestId("cell-T1003").getAttribute("class")).resolves.toContain("heat-0");
      // The cell is painted: its background is not the plain surface of an unseen one.
      const hot = await cell.evaluate((el) => getComputedStyle(el).backgroundColor);
      const cold = await page
        .getByTestId("cell-T1003")
        .evaluate((el) => getComputedStyle(el).backgroundColor);
      expect(hot).not.toBe(cold);

      // The period select reloads the matrix through htmx, the URL follows.
      await page.getByLabel("Period").selectOption("7");
      await page.waitForURL(/days=7/);
      await expect(page.getByTestId("cell-T1059").getAttribute("data-count")).resolves.toBe("3");

      await cell.locator("a").first().click();
      await page.waitForURL(/\/threats\/techniques\/T1059$/);
      await page.getByTestId("technique-title").waitFor();
      expect(await page.getByTestId("technique-title").textContent()).toContain(
        "Command and Scripting Interpreter",
      );
      // The parent lists the alerts naming it or its sub-techniques, as its cell counts them.
      const rows = page.getByTestId("technique-alerts").locator("tbody tr");
      await expect(rows.count()).resolves.toBe(3);
      expect(await rows.allTextContents()).toEqual(
        expect.arrayContaining([expect.stringContaining("PowerShell download cradle")]),
      );
      await rows.getByText("Encoded PowerShell on web01").click();
      await page.waitForURL(/\/soc\/[0-9a-f-]+$/);

      // The alert's page shows its techniques as chips and sets them through htmx.
      const chips = page.getByTestId("technique-chips");
      await chips.waitFor();
      expect(await chips.locator("a").allTextContents()).toEqual([expect.stringContaining("T1059.001")]);
      const alertUrl = page.url();
      const field = page.getByLabel("Techniques it names");
      await field.fill("T1059.001 T0000");
      await page.getByTestId("techniques-submit").click();
      await page.getByText("Unknown ATT&CK technique: T0000.").waitFor();
      expect(page.url()).toBe(alertUrl);
      expect(await page.getByLabel("Techniques it names").inputValue()).toBe("T1059.001 T0000");
      await page.getByLabel("Techniques it names").fill("T1059.001 T1105");
      await page.getByTestId("techniques-submit").click();
      await page.getByTestId("technique-chips").getByText("T1105").waitFor();
      await page.getByTestId("technique-chips").getByText("T1105").click();
      await page.waitForURL(/\/threats\/techniques\/T1105$/);
    },
    // The refused technique id is a 422 on purpose.
    { allowProblem: (line) => /status of 422 .*\/threats\/named\//.test(line), timeout: 60_000 },
  );
});

testRecordPages(e2e, {
  path: "/threats",
  kind: "threat",
  refused: {
    message: "Unknown ATT&CK technique: T9999.",
    async fill(form) {
      await form.getByLabel("Name").fill("Insider copying designs");
      await form.getByLabel("Category").selectOption("insider");
      await form.getByLabel("ATT&CK techniques").fill("T1486 T9999");
    },
  },
  walk: {
    name: "record, edit and delete a threat",
    timeout: 45_000,
    async body({ page }) {
      expect(await page.getByLabel("Name").inputValue()).toBe("Insider copying designs");
      await page.getByLabel("ATT&CK techniques").fill("T1486");
      await page.getByLabel("Description").fill("Copies **designs** to USB sticks.");
      await submitRecord(page, "threat");
      expect(await page.getByTestId("threat-title").textContent()).toBe("Insider copying designs");
      expect(await page.getByTestId("threat-techniques").textContent()).toContain("T1486");

      await page.getByTestId("edit-threat").click();
      await page.getByTestId("threat-form").waitFor();
      await page.getByLabel("Category").selectOption("fraud");
      await saveRecord(page, "threat");
      expect(await page.locator(".page-sub .badge").textContent()).toBe("Fraud");

      await page.getByRole("button", { name: "Delete" }).click();
      await page.locator("dialog[open]").waitFor();
      await page.getByTestId("delete-threat-confirm").click();
      await page.getByText("Threat deleted.").waitFor();
      expect(await page.getByTestId("threats-table").getByText("Insider copying designs").count()).toBe(0);
    },
  },
  live: {
    name: "an open list refreshes when someone else records a threat",
    record: "Live threat",
    label: "Name",
    choose: ["Category", "malware"],
  },
});
