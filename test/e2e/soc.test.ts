/**
 * The SOC queue in a real browser against a real `warden serve`: an analyst opens an alert
 * raised through the API, escalates it from its page and lands on the new incident, whose
 * timeline shows the alert's snapshot as tables; and the open queue shows a newly raised
 * alert, then its growing count, by itself.
 */
import { describe, expect } from "bun:test";
import type { BrowserContext } from "playwright-core";
import { adminFetch, useServerAndBrowser, type WardenServer } from "./helpers.ts";

const e2e = useServerAndBrowser();

const ANALYST = { username: "ana", password: "ana-e2e-password-1" };

/** The admin's API: POSTs `body` to `path`. */
async function adminApi(server: WardenServer) {
  const send = await adminFetch(server);
  return (path: string, body: unknown) => send(path, "POST", body);
}

async function signInAsAnalyst(context: BrowserContext, server: WardenServer) {
  const res = await context.request.post(`${server.url}/login`, {
    form: { login: ANALYST.username, password: ANALYST.password },
    headers: { Origin: server.url },
    maxRedirects: 0,
  });
  if (res.status() !== 303) throw new Error(`analyst sign-in failed: ${res.status()}`);
}

describe("SOC alerts", () => {
  e2e.test(
    "an analyst escalates an alert from its page and lands on the incident showing the snapshot",
    async ({ page, context }) => {
      const api = await adminApi(e2e.server);
      const made = await api("/users", {
        email: "ana@example.test",
        username: ANALYST.username,
        displayName: "Ana Analyst",
        role: "analyst",
        password: ANALYST.password,
      });
      expect(made.status).toBe(201);
      const title = `Crypto miner on web01 ${Date.now()}`;
      const raised = await api("/soc/alerts", {
        title,
        severity: "critical",
        host: "web01",
        dedupKey: "e2e:miner",
        context: {
          rule: "cpu-high",
          topCpu: [
            { pid: 4121, name: "xmrig", cpu: 97.2 },
            { pid: 812, name: "nginx", cpu: 3.1 },
          ],
          listening: [{ port: 3333, address: "0.0.0.0", process: "xmrig" }],
        },
      });
      expect(raised.status).toBe(201);
      await signInAsAnalyst(context, e2e.server);
      await page.goto(`${e2e.server.url}/soc`);
      await page.getByRole("link", { name: title }).click();
      await page.getByTestId("alert-context").waitFor();
      expect(await page.getByTestId("alert-context").locator("table").count()).toBe(2);
      await page.getByTestId("escalate-submit").click();
      await page.waitForURL(/\/incidents\/[\w-]+\?notice=escalated$/);
      await page.getByText("Alert escalated to this incident.").waitFor();
      expect(await page.getByTestId("incident-title").textContent()).toBe(title);
      const snapshot = page.getByTestId("alert-snapshot");
      await snapshot.waitFor();
      expect(await snapshot.getByRole("columnheader", { name: "Pid" }).count()).toBe(1);
      expect(await snapshot.getByRole("cell", { name: "xmrig" }).count()).toBe(2);
      expect(await snapshot.getByRole("cell", { name: "3333" }).count()).toBe(1);
      await page.getByTestId("incident-alerts").getByRole("link", { name: title }).click();
      await page.getByTestId("alert-incident").waitFor();
      expect(await page.getByTestId("alert-status").textContent()).toBe("Escalated");
    },
    { anonymous: true, timeout: 30_000 },
  );

  e2e.test(
    "the open queue shows a newly raised alert and its count by itself",
    async ({ page }) => {
      const api = await adminApi(e2e.server);
      await page.goto(`${e2e.server.url}/soc`);
      await page.getByTestId("alerts-table").waitFor();
      await page.waitForTimeout(500);
      const title = `Live alert ${Date.now()}`;
      await api("/soc/alerts", { title, severity: "high", dedupKey: "e2e:live" });
      const row = page.locator("tr", { hasText: title });
      await row.waitFor({ timeout: 5000 });
      await api("/soc/alerts", { title, severity: "high", dedupKey: "e2e:live" });
      await page.waitForFunction(
        (t) =>
          [...document.querySelectorAll("tr")]
            .find((tr) => tr.textContent?.includes(t))
            ?.querySelector("[data-testid=alert-count]")?.textContent === "2",
        title,
        { timeout: 5000 },
      );
    },
    { timeout: 30_000 },
  );

  e2e.test(
    "the queue holds still while an analyst ticks; the held refresh keeps the ticks; they become a new case",
    async ({ page }) => {
      const api = await adminApi(e2e.server);
      const first = (await (
        await api("/soc/alerts", { title: `Tick one ${Date.now()}`, severity: "low" })
      ).json()) as {
        id: string;
      };
      await page.goto(`${e2e.server.url}/soc`);
      await page.getByTestId(`select-${first.id}`).check();
      await page.waitForTimeout(500);
      const title = `Arrives live ${Date.now()}`;
      await api("/soc/alerts", { title, severity: "high" });
      // Pointer and focus on the ticked box: the queue holds still under the hand...
      await page.waitForTimeout(1000);
      expect(await page.getByText(title).count()).toBe(0);
      // ...and takes the new alert in once the user moves on to the case's title.
      await page.getByLabel("New case title").click();
      await page.getByText(title).waitFor({ timeout: 5000 });
      expect(await page.getByTestId(`select-${first.id}`).isChecked()).toBe(true);
      await page.getByLabel("New case title").fill("Grouped in the browser");
      await page.getByTestId("bulk-new-case").click();
      await page.waitForURL(/\/soc\/cases\/[\w-]+\?notice=created$/);
      await page
        .getByTestId("case-alerts")
        .getByRole("link", { name: /Tick one/ })
        .waitFor();
    },
    { timeout: 30_000 },
  );
});
