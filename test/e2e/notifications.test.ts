/**
 * The notification bell in a real browser against a real `warden serve`: someone else
 * assigns an incident to the viewing user from another session, and the bell's unread
 * count changes live, without a reload; marking everything read elsewhere clears it.
 */
import { describe, expect } from "bun:test";
import type { Page } from "playwright-core";
import { adminSession, apiSession, ensureAdmin, useServerAndBrowser } from "./helpers.ts";

const e2e = useServerAndBrowser({ timeout: 30_000 });

/**
 * The cast of a bell test: the admin (the viewer, with nothing unread) and `assign`, by
 * which a new analyst opens incidents assigned to them.
 */
async function bellCast(base: string, name: string) {
  const admin = await adminSession(e2e.server);
  const me = await admin("/auth/me");
  await admin("/notifications/read-all", "POST");
  const username = `${name}${Date.now() % 1_000_000}`;
  const password = "bell-analyst-password-1";
  await admin("/users", "POST", {
    email: `${username}@example.test`,
    username,
    displayName: "Bell Analyst",
    role: "analyst",
    password,
  });
  const analyst = await apiSession(base, username, password);
  /** The analyst opens an incident titled `title` assigned to the admin (who is notified). */
  const assign = (title: string, severity = "low") =>
    analyst("/incidents", "POST", { title, severity, assignedTo: me.id });
  return { admin, assign };
}

/** Waits until the open /notifications list shows the assignment of `title`, and `unread` unread. */
async function listShows(page: Page, title: string, unread: number) {
  await page.getByText(`assigned you the incident "${title}"`).waitFor({ timeout: 5000 });
  await page.getByTestId("unread-count").getByText(`${unread} unread`).waitFor();
}

describe("notification bell", () => {
  e2e.test(
    "the unread count changes live when another session assigns an incident to the viewer",
    async ({ page }) => {
      const base = e2e.server.url;
      const { admin, assign } = await bellCast(base, "bell");

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

      await assign("Assigned from elsewhere", "high");
      await badge.waitFor({ state: "visible", timeout: 5000 });
      expect(await badge.textContent()).toBe("1");
      expect(await page.getByTestId("bell").getAttribute("aria-label")).toBe("Notifications, 1 unread");

      await assign("And another");
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
      await assign("Arrives while looking");
      await listShows(page, "Arrives while looking", 1);
    },
  );

  e2e.test(
    "one that arrives before the page's stream is open still shows: the stream starts where the page was rendered",
    async ({ page }) => {
      const base = e2e.server.url;
      const { admin, assign } = await bellCast(base, "early");
      // The page's stream is held back until the notification exists.
      const { promise: released, resolve: release } = Promise.withResolvers<void>();
      const { promise: requested, resolve: reached } = Promise.withResolvers<void>();
      await page.route("**/events?*", async (route) => {
        reached();
        await released;
        await route.continue();
      });
      await page.goto(`${base}/notifications`);
      await page.getByTestId("notifications").waitFor();
      await requested;
      await assign("Before the stream");
      release();
      await listShows(page, "Before the stream", 1);
      await admin("/notifications/read-all", "POST");
    },
  );

  e2e.test(
    "moving on from a list page: its refresh still pending does not swallow the next page's first event",
    async ({ page }) => {
      await ensureAdmin(e2e.server);
      // Every stream the page opens, so the test can hand one an event.
      await page.addInitScript(() => {
        const opened: EventSource[] = [];
        (window as unknown as { opened: EventSource[] }).opened = opened;
        window.EventSource = class extends window.EventSource {
          constructor(url: string | URL, init?: EventSourceInit) {
            super(url, init);
            opened.push(this);
          }
        };
      });
      await page.goto(`${e2e.server.url}/incidents`);
      await page.locator("[data-bell][data-counted=true]").waitFor();
      const outcome = await page.evaluate(async () => {
        const { opened } = window as unknown as { opened: EventSource[] };
        const first = opened.at(-1);
        // An incident event: the incidents list's refresh is due in 250 ms...
        first?.dispatchEvent(new MessageEvent("incident.created", { data: "{}" }));
        // ...when the page becomes one following notifications (what a boosted
        // navigation's swap does), whose stream brings a notification at once.
        const marker = document.querySelector<HTMLElement>("[data-live-topic]");
        if (!marker) return { error: "no marker" };
        marker.dataset.liveTopic = "notifications";
        marker.dataset.liveEvents = "notification.created";
        document.dispatchEvent(new CustomEvent("htmx:after:swap"));
        const next = opened.at(-1);
        const heard: string[] = [];
        for (const name of ["incidents-changed", "notifications-changed"])
          document.body.addEventListener(name, () => heard.push(name));
        next?.dispatchEvent(
          new MessageEvent("notification.created", { data: JSON.stringify({ unread: 1 }) }),
        );
        await new Promise((resolve) => setTimeout(resolve, 700));
        return { replaced: next !== first && first?.readyState === EventSource.CLOSED, heard };
      });
      expect(outcome).toEqual({ replaced: true, heard: ["notifications-changed"] });
    },
  );

  e2e.test(
    "while the pointer rests on the list it holds still; the new one comes in once the pointer leaves",
    async ({ page }) => {
      const base = e2e.server.url;
      const { admin, assign } = await bellCast(base, "hover");
      await assign("Already there");
      await page.goto(`${base}/notifications`);
      await page.getByText('assigned you the incident "Already there"').waitFor();
      await page.locator("[data-bell][data-counted=true]").waitFor();
      await page.getByTestId("notification").first().hover();
      await assign("Arrives under the hand");
      // The event has arrived (the bell counts it), but the list under the pointer does not move.
      await page.waitForFunction(
        () => document.querySelector("[data-testid=bell-count]")?.textContent === "2",
      );
      await page.waitForTimeout(800);
      expect(await page.getByText('assigned you the incident "Arrives under the hand"').count()).toBe(0);
      await page.getByRole("heading", { level: 1 }).hover();
      await listShows(page, "Arrives under the hand", 2);
      await admin("/notifications/read-all", "POST");
    },
  );

  e2e.test("the unread count changes live when an alert rule fires", async ({ page }) => {
    const base = e2e.server.url;
    const admin = await adminSession(e2e.server);
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
  });
});
