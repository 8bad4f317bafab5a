/**
 * Screenshots for a visual review: starts a real Warden server (as the e2e tests do) and
 * saves PNGs of the dashboard, the API reference and a 404 page, in the light and dark
 * theme, at desktop and phone widths, into test-results/screenshots/ (gitignored).
 *
 * Usage: bun scripts/screenshots.ts [--full-page]
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import {
  collectProblems,
  launchBrowser,
  REPO_ROOT,
  setThemeCookie,
  startServer,
  VIEWPORTS,
} from "../test/e2e/helpers.ts";

const OUT_DIR = join(REPO_ROOT, "test-results", "screenshots");
/** A view to capture; `act` brings the page into the state to show (an open menu …). */
interface Shot {
  name: string;
  path: string;
  /** Selector that is visible once the page has rendered. */
  ready: string;
  /** Only at this size. */
  only?: keyof typeof VIEWPORTS;
  act?: (page: Page) => Promise<void>;
}

const SHOTS: Shot[] = [
  { name: "dashboard", path: "/", ready: "main h1" },
  { name: "api-docs", path: "/api/docs", ready: ".swagger-ui .info" },
  { name: "not-found", path: "/no-such-page", ready: ".error-page" },
  {
    name: "user-menu",
    path: "/",
    ready: "main h1",
    act: async (page) => {
      await page.locator("details.menu > summary").click();
      await page.locator(".menu-panel").waitFor();
    },
  },
  {
    name: "nav-open",
    path: "/",
    ready: "main h1",
    only: "phone",
    act: async (page) => {
      await page.locator(".nav-toggle").click();
      await page.waitForFunction(
        () => document.getElementById("sidebar")?.getBoundingClientRect().left === 0,
      );
    },
  },
];
const THEMES = ["light", "dark"] as const;

const fullPage = process.argv.includes("--full-page");
mkdirSync(OUT_DIR, { recursive: true });
const server = await startServer();
const browser = await launchBrowser();
let failures = 0;
try {
  for (const theme of THEMES) {
    for (const [size, viewport] of Object.entries(VIEWPORTS)) {
      // The OS preference is the opposite of the cookie, so the cookie visibly wins.
      const context = await browser.newContext({
        viewport,
        colorScheme: theme === "dark" ? "light" : "dark",
        reducedMotion: "reduce",
      });
      await setThemeCookie(context, server.url, theme);
      for (const { name, path, ready, only, act } of SHOTS) {
        if (only && only !== size) continue;
        const page = await context.newPage();
        const problems = collectProblems(page);
        await page.goto(`${server.url}${path}`);
        await page.locator(ready).first().waitFor({ timeout: 10_000 });
        await page.waitForLoadState("networkidle");
        await act?.(page);
        const file = join(OUT_DIR, `${name}-${theme}-${size}.png`);
        await page.screenshot({ path: file, fullPage });
        const reported = problems.all().filter((line) => !line.includes("status of 404"));
        if (reported.length > 0) failures++;
        console.log(`${file}${reported.length ? `\n  ${reported.join("\n  ")}` : ""}`);
        await page.close();
      }
      await context.close();
    }
  }
} finally {
  await browser.close();
  await server.stop();
}
if (failures > 0) {
  console.error(`${failures} page(s) reported console or page errors`);
  process.exit(1);
}
