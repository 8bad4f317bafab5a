/**
 * Browser tests of the API reference (/api/docs): Swagger UI from our own assets under
 * the CSP, reached directly, from the user menu and from the sidebar.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { Browser, BrowserContext, Page } from "playwright-core";
import {
  collectProblems,
  launchBrowser,
  type PageProblems,
  startServer,
  VIEWPORTS,
  type WardenServer,
} from "./helpers.ts";

const TEST_TIMEOUT_MS = 15_000;
/** Swagger UI fetches and renders the spec after load; allow it this long. */
const RENDER_TIMEOUT_MS = 5_000;

let server: WardenServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
}, 30_000);

afterAll(async () => {
  await browser?.close();
  if (!server) return;
  expect(await server.stop()).toBe(0);
  expect(server.logs.filter((line) => line.level === "error")).toEqual([]);
}, 20_000);

async function openPage(): Promise<{ context: BrowserContext; page: Page; problems: PageProblems }> {
  const context = await browser.newContext({ viewport: VIEWPORTS.desktop });
  const page = await context.newPage();
  return { context, page, problems: collectProblems(page) };
}

/** Waits for Swagger UI to render the spec's info block and returns its title text. */
async function swaggerTitle(page: Page): Promise<string> {
  const title = page.locator(".swagger-ui .info .title");
  await title.waitFor({ timeout: RENDER_TIMEOUT_MS });
  return (await title.textContent()) ?? "";
}

describe("API reference", () => {
  test(
    "/api/docs renders Swagger UI for the Warden API without console errors",
    async () => {
      const { context, page, problems } = await openPage();
      try {
        const spec = page.waitForResponse((r) => r.url() === `${server.url}/api/v1/openapi.json`);
        const response = await page.goto(`${server.url}/api/docs`);
        expect(response?.status()).toBe(200);
        expect((await spec).status()).toBe(200);
        expect(await swaggerTitle(page)).toContain("Warden API");
        // At least one operation from the spec is listed.
        expect(await page.locator(".swagger-ui .opblock").count()).toBeGreaterThan(0);
        await page.waitForLoadState("networkidle");
        expect(problems.all()).toEqual([]);
      } finally {
        await context.close();
      }
    },
    TEST_TIMEOUT_MS,
  );

  test(
    "the user menu's API reference link opens Swagger UI",
    async () => {
      const { context, page, problems } = await openPage();
      try {
        await page.goto(`${server.url}/`);
        await page.waitForLoadState("networkidle");
        await page.locator("details.menu > summary").click();
        await page.locator(".menu-panel a.menu-item", { hasText: "API reference" }).click();
        await page.waitForURL(`${server.url}/api/docs`);
        expect(await swaggerTitle(page)).toContain("Warden API");
        await page.waitForLoadState("networkidle");
        expect(problems.all()).toEqual([]);
      } finally {
        await context.close();
      }
    },
    TEST_TIMEOUT_MS,
  );

  test(
    "the sidebar's API reference link renders Swagger UI without console errors",
    async () => {
      const { context, page, problems } = await openPage();
      try {
        await page.goto(`${server.url}/`);
        await page.waitForLoadState("networkidle");
        await page.locator(".sidebar a.nav-link", { hasText: "API reference" }).click();
        await page.waitForURL(`${server.url}/api/docs`);
        expect(await swaggerTitle(page)).toContain("Warden API");
        await page.waitForLoadState("networkidle");
        expect(problems.all()).toEqual([]);
      } finally {
        await context.close();
      }
    },
    TEST_TIMEOUT_MS,
  );
});
