/**
 * The notification bell in a real browser against a real `warden serve`: someone else
 * assigns an incident to the viewing user from another session, and the bell's unread
 * count changes live, without a reload; marking everything read elsewhere clears it.
 */
import { describe, expect, test } from "bun:test";
import { E2E_ADMIN, ensureAdmin, useServerAndBrowser, withPage } from "./helpers.ts";

const e2e = useServerAndBrowser();

/** Signs in through the API; answers a function calling the API with that session's token. */
async function apiSession(base: string, login: string, password: string) {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ login, password }),
  });
  const { accessToken } = (await res.json()) as { accessToken: string };
  return async (path: string, method = "GET", body?: unknown) => {
    const answer = await fetch(`${base}/api/v1${path}`, {
      method,
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${accessToken}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await answer.text();
    return (text ? JSON.parse(text) : {}) as Record<string, unknown>;
  };
}

describe("notification bell", () => {
  test(
    "the unread count changes live when another session assigns an incident to the viewer",
    () =>
      withPage(e2e.browser, { signedInTo: e2e.server }, async ({ page }) => {
        const base = e2e.server.url;
        await ensureAdmin(e2e.server);
        const admin = await apiSession(base, E2E_ADMIN.username, E2E_ADMIN.password);
        const me = await admin("/auth/me");
        await admin("/notifications/read-all", "POST");
        const username = `bell${Date.now() % 1_000_000}`;
        const password = "bell-analyst-password-1";
        await admin("/users", "POST", {
          email: `${username}@example.test`,
          username,
          displayName: "Bell Analyst",
          role: "analyst",
          password,
        });
        const analyst = await apiSession(base, username, password);

        await page.goto(`${base}/incidents`);
        await page
          .getByTestId("incidents-table")
          .or(page.getByTestId("incidents-table-empty"))
          .first()
          .waitFor();
        const badge = page.getByTestId("bell-count");
        // The stream's first event is the count (the bell is marked counted): none unread, the badge stays hidden.
        await page.locator("[data-bell][data-counted=true]").waitFor();
        expect(await badge.isHidden()).toBe(true);

        await analyst("/incidents", "POST", {
          title: "Assigned from elsewhere",
          severity: "high",
          assignedTo: me.id,
        });
        await badge.waitFor({ state: "visible", timeout: 5000 });
        expect(await badge.textContent()).toBe("1");
        expect(await page.getByTestId("bell").getAttribute("aria-label")).toBe("Notifications, 1 unread");

        await analyst("/incidents", "POST", { title: "And another", severity: "low", assignedTo: me.id });
        await page.waitForFunction(
          () => document.querySelector("[data-testid=bell-count]")?.textContent === "2",
        );

        await admin("/notifications/read-all", "POST");
        await badge.waitFor({ state: "hidden", timeout: 5000 });
        await page.getByTestId("bell").click();
        await page.getByTestId("notifications").waitFor();
        expect(await page.getByTestId("notification").count()).toBeGreaterThanOrEqual(2);
        // The open list takes in a new one by itself, and its unread count follows.
        await page.locator("[data-bell][data-counted=true]").waitFor();
        await analyst("/incidents", "POST", {
          title: "Arrives while looking",
          severity: "low",
          assignedTo: me.id,
        });
        await page.getByText('assigned you the incident "Arrives while looking"').waitFor({ timeout: 5000 });
        await page.getByTestId("unread-count").getByText("1 unread").waitFor();
      }),
    30_000,
  );

  test(
    "the unread count changes live when an alert rule fires",
    () =>
      withPage(e2e.browser, { signedInTo: e2e.server }, async ({ page }) => {
        const base = e2e.server.url;
        await ensureAdmin(e2e.server);
        const admin = await apiSession(base, E2E_ADMIN.username, E2E_ADMIN.password);
        await admin("/notifications/read-all", "POST");
        await page.goto(`${base}/`);
        const badge = page.getByTestId("bell-count");
        await page.locator("[data-bell][data-counted=true]").waitFor();
        expect(await badge.isHidden()).toBe(true);

        // A rule that holds at once on this host; admins follow critical alerts by default.
        const rule = await admin("/soc/rules", "POST", {
          name: "Bell check: CPU at all",
          condition: { type: "metric", series: "cpu", operator: ">=", threshold: 0 },
          forSeconds: 0,
          severity: "critical",
        });
        try {
          await badge.waitFor({ state: "visible", timeout: 10_000 });
          expect(Number(await badge.textContent())).toBeGreaterThanOrEqual(1);
          await page.getByTestId("bell").click();
          await page.getByTestId("notifications").waitFor();
          await page.getByText("Bell check: CPU at all").first().waitFor({ timeout: 5000 });
        } finally {
          await admin(`/soc/rules/${rule.id}`, "DELETE");
        }
      }),
    30_000,
  );
});
