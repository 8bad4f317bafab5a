/**
 * Shared pieces of the browser tests (and of scripts/screenshots.ts): a real Warden
 * server in a child process on a free loopback port with its own temporary data
 * directory, Debian's Chromium driven by playwright-core, and a collector of the
 * errors a page reports (console errors, CSP violations, uncaught exceptions).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";

/** The repository root (this file lives in test/e2e/). */
export const REPO_ROOT = resolve(import.meta.dir, "../..");

/** Debian's Chromium; playwright-core ships no browser of its own. */
export const CHROMIUM_PATH = process.env.WARDEN_E2E_CHROMIUM ?? "/usr/bin/chromium";

/** Chromium flags for a quiet, sandbox-free headless run that never calls home. */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Desktop and phone viewports the tests and screenshots use. */
export const VIEWPORTS = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 390, height: 844 },
} as const;

/** How long the server may take to print "warden listening". */
const START_TIMEOUT_MS = 15_000;
/** How long the server may take to exit after SIGTERM before it is killed. */
const STOP_TIMEOUT_MS = 10_000;

/** A running Warden server started by {@link startServer}. */
export interface WardenServer {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** The temporary data directory (removed by `stop`). */
  dataDir: string;
  /** Every stderr line the server wrote so far (JSON log lines). */
  logs: string[];
  /** Sends SIGTERM, waits for the exit, removes the data directory; resolves to the exit code. */
  stop(): Promise<number | null>;
}

/**
 * Starts `bun src/main.ts serve --port 0` on 127.0.0.1 with a fresh temp data dir and
 * JSON logs, and resolves once the "warden listening" line names the actual URL.
 * Rejects (with the server's output) if it exits or stays silent too long.
 */
export async function startServer(env: Record<string, string> = {}): Promise<WardenServer> {
  const dataDir = mkdtempSync(join(tmpdir(), "warden-e2e-"));
  const child = Bun.spawn(
    [process.execPath, "src/main.ts", "serve", "--host", "127.0.0.1", "--port", "0", "--data-dir", dataDir],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, WARDEN_ENV: "development", WARDEN_LOG_FORMAT: "json", ...env },
      stdin: "ignore",
      stdout: "ignore",
      stderr: "pipe",
    },
  );
  const logs: string[] = [];
  let onLine: ((line: string) => void) | undefined;

  // Keep draining stderr for the whole life of the server so it never blocks on a full pipe.
  const drained = (async () => {
    const decoder = new TextDecoder();
    let buffer = "";
    for await (const chunk of child.stderr) {
      buffer += decoder.decode(chunk, { stream: true });
      let newline = buffer.indexOf("\n");
      while (newline >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        logs.push(line);
        onLine?.(line);
        newline = buffer.indexOf("\n");
      }
    }
    if (buffer) logs.push(buffer);
  })();

  const cleanup = () => rmSync(dataDir, { recursive: true, force: true });
  let url: string;
  try {
    url = await new Promise<string>((resolveUrl, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`warden did not start within ${START_TIMEOUT_MS} ms:\n${logs.join("\n")}`)),
        START_TIMEOUT_MS,
      );
      const check = (line: string) => {
        const entry = parseJson(line);
        if (entry?.msg === "warden listening" && typeof entry.url === "string") {
          clearTimeout(timer);
          resolveUrl(entry.url.replace(/\/$/, ""));
        }
      };
      for (const line of logs) check(line);
      onLine = check;
      child.exited.then((code) => {
        clearTimeout(timer);
        reject(new Error(`warden exited with code ${code} before listening:\n${logs.join("\n")}`));
      });
    });
  } catch (error) {
    child.kill("SIGKILL");
    await child.exited;
    cleanup();
    throw error;
  } finally {
    onLine = undefined;
  }

  return {
    url,
    dataDir,
    logs,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), STOP_TIMEOUT_MS);
      const code = await child.exited;
      clearTimeout(timer);
      await drained;
      cleanup();
      return code;
    },
  };
}

/** Launches Debian's Chromium headless; each launch gets a fresh temporary profile. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

/** The problems a page reported: console errors (CSP violations among them) and uncaught exceptions. */
export interface PageProblems {
  consoleErrors: string[];
  pageErrors: string[];
  /** Everything above, one line each, for an assertion message. */
  all(): string[];
}

/** Starts collecting console errors and page errors of `page`, from now on. */
export function collectProblems(page: Page): PageProblems {
  const problems: PageProblems = {
    consoleErrors: [],
    pageErrors: [],
    all: () => [
      ...problems.consoleErrors.map((text) => `console: ${text}`),
      ...problems.pageErrors.map((text) => `pageerror: ${text}`),
    ],
  };
  page.on("console", (message) => {
    if (message.type() !== "error") return;
    const where = message.location();
    problems.consoleErrors.push(where.url ? `${message.text()} (${where.url})` : message.text());
  });
  page.on("pageerror", (error) => problems.pageErrors.push(`${error.name}: ${error.message}`));
  return problems;
}

/** Sets the theme cookie for the server's origin, as the theme switch would. */
export async function setThemeCookie(
  context: BrowserContext,
  baseUrl: string,
  theme: "light" | "dark",
): Promise<void> {
  await context.addCookies([{ name: "warden_theme", value: theme, url: baseUrl }]);
}

function parseJson(line: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(line);
    return value && typeof value === "object" ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
