/**
 * Screenshots for a visual review: starts a real Warden server (as the e2e tests do) and
 * saves PNGs of every page, in the light and dark theme, at desktop and phone widths,
 * into test-results/screenshots/ (gitignored). The server starts empty: the first-run
 * setup page is taken first, then the admin is created, some data added (users, tokens,
 * an audit trail), and the signed-in pages are taken in a signed-in browser context.
 *
 * Usage: bun scripts/screenshots.ts [--full-page] [--only name,name] [--lang de] [--theme light] [--size desktop]
 * (`--lang` shows the pages in that language through the `warden_lang` cookie and prefixes
 * the file names with it; `--theme` and `--size` take one theme or viewport only).
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import {
  collectProblems,
  launchBrowser,
  REPO_ROOT,
  setThemeCookie,
  signIn,
  startServer,
  VIEWPORTS,
  type WardenServer,
} from "../test/e2e/helpers.ts";
import { seed } from "./screenshot-seed.ts";
import { ANONYMOUS, FIRST_RUN, type Shot, SIGNED_IN } from "./screenshot-shots.ts";

const OUT_DIR = join(REPO_ROOT, "test-results", "screenshots");

/** The value given after `--<name>` on the command line, if any. */
function option(name: string): string | null {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? (process.argv[at + 1] ?? null) : null;
}

const THEMES = (["light", "dark"] as const).filter((theme) => (option("theme") ?? theme) === theme);
const SIZES = Object.entries(VIEWPORTS).filter(([size]) => (option("size") ?? size) === size);
const fullPage = process.argv.includes("--full-page");
const onlyArg = option("only");
const only = onlyArg ? new Set(onlyArg.split(",")) : null;
const lang = option("lang");
mkdirSync(OUT_DIR, { recursive: true });

let failures = 0;

async function capture(
  browser: Browser,
  server: WardenServer,
  shots: Shot[],
  signedIn: boolean,
): Promise<void> {
  for (const theme of THEMES) {
    for (const [size, viewport] of SIZES) {
      // The OS preference is the opposite of the cookie, so the cookie visibly wins.
      const context = await browser.newContext({
        viewport,
        colorScheme: theme === "dark" ? "light" : "dark",
        reducedMotion: "reduce",
      });
      await setThemeCookie(context, server.url, theme);
      if (signedIn) await signIn(context, server);
      if (lang) await context.addCookies([{ name: "warden_lang", value: lang, url: server.url }]);
      for (const { name, path, ready, only: onlySize, act, expect } of shots) {
        if ((onlySize && onlySize !== size) || (only && !only.has(name))) continue;
        const page = await context.newPage();
        const problems = collectProblems(page);
        await page.goto(`${server.url}${path}`);
        await page.locator(ready).first().waitFor({ timeout: 10_000 });
        await page.waitForLoadState("networkidle");
        await act?.(page);
        const file = join(OUT_DIR, `${lang ? `${lang}-` : ""}${name}-${theme}-${size}.png`);
        await page.screenshot({ path: file, fullPage });
        const reported = problems.all().filter((line) => !expect?.test(line));
        if (reported.length > 0) failures++;
        console.log(`${file}${reported.length ? `\n  ${reported.join("\n  ")}` : ""}`);
        await page.close();
      }
      await context.close();
    }
  }
}

// The webhooks of the seed call receivers on loopback, which webhooks may not reach by default.
const server = await startServer({ WARDEN_WEBHOOKS_ALLOWEDTARGETS: "public,127.0.0.0/8" });
const browser = await launchBrowser();
try {
  await capture(browser, server, FIRST_RUN, false);
  await seed(server);
  await capture(browser, server, ANONYMOUS, false);
  await capture(browser, server, SIGNED_IN, true);
} finally {
  await browser.close();
  await server.stop();
}
if (failures > 0) {
  console.error(`${failures} page(s) reported console or page errors`);
  process.exit(1);
}
