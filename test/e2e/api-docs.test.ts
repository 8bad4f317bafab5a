/**
 * Browser tests of the API reference (/api/docs): Swagger UI from our own assets under
 * the CSP, reached directly, from the user menu and from the sidebar.
 */
import { describe, expect } from "bun:test";
import type { Page } from "playwright-core";
import { openSettled, useServerAndBrowser } from "./helpers.ts";

/**
 * Swagger UI fetches and renders the spec (~360 KB) after load; allow it this long. Each test
 * here takes 5–6 s on a quiet 2-core machine; with 5 s for the render, two failed in a clean
 * CI run while other tests ran on the same machine.
 */
const RENDER_TIMEOUT_MS = 10_000;

const e2e = useServerAndBrowser({ timeout: 25_000 });

/** Waits for Swagger UI to render the spec's info block and returns its title text. */
async function swaggerTitle(page: Page): Promise<string> {
  const title = page.locator(".swagger-ui .info .title");
  await title.waitFor({ timeout: RENDER_TIMEOUT_MS });
  return (await title.textContent()) ?? "";
}

/**
 * Opens the dashboard, lets `clickLink` follow a link to the API reference, and checks
 * that it arrives at /api/docs and Swagger UI renders the Warden API.
 */
async function followToApiReference(page: Page, clickLink: () => Promise<void>): Promise<void> {
  await openSettled(page, `${e2e.server.url}/`);
  await clickLink();
  await page.waitForURL(`${e2e.server.url}/api/docs`);
  expect(await swaggerTitle(page)).toContain("Warden API");
  await page.waitForLoadState("networkidle");
}

describe("API reference", () => {
  e2e.test(
    "/api/docs renders Swagger UI for the Warden API without console errors",
    async ({ page }) => {
      const spec = page.waitForResponse((r) => r.url() === `${e2e.server.url}/api/v1/openapi.json`);
      const response = await page.goto(`${e2e.server.url}/api/docs`);
      expect(response?.status()).toBe(200);
      expect((await spec).status()).toBe(200);
      expect(await swaggerTitle(page)).toContain("Warden API");
      // At least one operation from the spec is listed.
      expect(await page.locator(".swagger-ui .opblock").count()).toBeGreaterThan(0);
      await page.waitForLoadState("networkidle");
    },
    { anonymous: true },
  );

  e2e.test("the user menu's API reference link opens Swagger UI", ({ page }) =>
    followToApiReference(page, async () => {
      await page.locator("details.menu > summary").click();
      await page.locator(".menu-panel a.menu-item", { hasText: "API reference" }).click();
    }),
  );

  e2e.test("the sidebar's API reference link renders Swagger UI without console errors", ({ page }) =>
    followToApiReference(page, () =>
      page.locator(".sidebar a.nav-link", { hasText: "API reference" }).click(),
    ),
  );
});
