/**
 * Assets in a real browser against a real `warden serve`: add one from the form (after a
 * refused submit), edit it, make it depend on another asset and take that back; and a
 * list open in another tab updates by itself.
 */
import { expect } from "bun:test";
import { useServerAndBrowser } from "./helpers.ts";
import { saveRecord, submitRecord, testRecordPages } from "./record-pages.ts";

const e2e = useServerAndBrowser();

testRecordPages(e2e, {
  path: "/cmdb",
  kind: "asset",
  refused: { message: "Enter a name.", fill: (form) => form.getByLabel("Host name").fill("db_01") },
  walk: {
    name: "create, edit, add and remove a dependency",
    timeout: 45_000,
    async body({ page }) {
      const stamp = Date.now();
      const name = `Billing DB ${stamp}`;
      const other = `Billing app ${stamp}`;

      expect(await page.getByLabel("Host name").inputValue()).toBe("db_01");
      await page.getByLabel("Name", { exact: true }).fill(name);
      await page.getByLabel("Type").selectOption("database");
      await page.getByLabel("Host name").fill("DB01.Billing.Example.com");
      await page.getByLabel("IP addresses").fill("10.30.0.11\n2001:DB8::11");
      await page.getByLabel("Tags").fill("prod, PCI");
      await page.getByLabel("Description").fill("Holds the **invoices**.");
      await submitRecord(page, "asset");
      expect(await page.getByTestId("asset-name").textContent()).toBe(name);
      expect(await page.getByTestId("asset-hostname").textContent()).toBe("db01.billing.example.com");
      expect(await page.getByTestId("asset-ips").textContent()).toBe("10.30.0.112001:db8::11");
      expect(await page.getByTestId("asset-tags").textContent()).toBe("prodpci");
      expect(await page.getByTestId("asset-description").innerHTML()).toContain("<strong>invoices</strong>");
      const dbUrl = page.url().replace(/\?.*$/, "");

      await page.getByRole("link", { name: "Edit" }).click();
      await page.getByTestId("asset-form").waitFor();
      await page.getByLabel("Criticality").selectOption("critical");
      await page.getByLabel("Or owner name").fill("DBA team");
      await saveRecord(page, "asset");
      expect(await page.getByTestId("asset-owner").textContent()).toBe("DBA team");

      await page.goto(`${e2e.server.url}/cmdb/new`);
      await page.getByLabel("Name", { exact: true }).fill(other);
      await page.getByLabel("Type").selectOption("application");
      await submitRecord(page, "asset");
      await page.getByLabel("Add an asset it depends on").selectOption({ label: name });
      await page.getByTestId("add-dependencies").click();
      await page.getByText("Dependency added.").waitFor();
      const dependencies = page.getByTestId("asset-dependencies");
      expect(await dependencies.getByRole("link", { name }).count()).toBe(1);

      await page.goto(dbUrl);
      expect(await page.getByTestId("asset-dependents").getByRole("link", { name: other }).count()).toBe(1);
      await page.getByRole("button", { name: `Remove ${other}` }).click();
      await page.getByText("Dependency removed.").waitFor();
      expect(await page.getByTestId("asset-dependents").getByText("No asset depends on it.").count()).toBe(1);
    },
  },
  live: {
    name: "an open list refreshes when someone else adds an asset",
    record: "Live asset",
    label: "Name",
    choose: ["Type", "iot"],
  },
});
