/**
 * Shared pieces of the browser tests (and of scripts/screenshots.ts): a real Warden
 * server in a child process on a free loopback port with its own temporary data
 * directory, Debian's Chromium driven by playwright-core, and a collector of the
 * errors a page reports (console errors, CSP violations, uncaught exceptions).
 */

import { afterAll, beforeAll, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
  type Page,
} from "playwright-core";
import { startWarden } from "../helpers/process.ts";
import { requireTools } from "../helpers/tools.ts";

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

/** A running Warden server started by {@link startServer}. */
export interface WardenServer {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** The temporary data directory (removed by `stop`). */
  dataDir: string;
  /** Parsed JSON log lines the server wrote so far. */
  logs: Record<string, unknown>[];
  /** Sends SIGTERM, waits for the exit, removes the data directory; resolves to the exit code. */
  stop(): Promise<number>;
  /** Sends a signal to the server process (SIGSTOP/SIGCONT stall and resume it). */
  signal(name: NodeJS.Signals): void;
}

/**
 * Starts `warden serve` on 127.0.0.1, on a free port, with a fresh temporary data dir
 * (see test/helpers/process.ts), and resolves once it listens.
 */
export async function startServer(env: Record<string, string> = {}): Promise<WardenServer> {
  const dataDir = mkdtempSync(join(tmpdir(), "warden-e2e-"));
  const server = await startWarden({ args: ["--host", "127.0.0.1", "--data-dir", dataDir], env });
  return {
    url: server.url.replace(/\/$/, ""),
    dataDir,
    logs: server.logs,
    signal: (name) => server.proc.kill(name),
    async stop() {
      const code = await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
      return code;
    },
  };
}

/** Launches Debian's Chromium headless; each launch gets a fresh temporary profile. Fails naming the package when it is missing. */
export function launchBrowser(): Promise<Browser> {
  requireTools(CHROMIUM_PATH);
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

/** The server and browser of one test file, set up by {@link useServerAndBrowser}. */
export interface E2eEnvironment {
  server: WardenServer;
  browser: Browser;
  /**
   * Registers a test named `name` that runs `body` in {@link withPage} on this browser,
   * signed in to this server unless `options.anonymous`.
   */
  test(name: string, body: (session: PageSession) => Promise<void>, options?: PageTestOptions): void;
}

/** Options of {@link useServerAndBrowser}. */
export interface E2eFileOptions {
  /** Environment variables of the server (configuration). */
  env?: Record<string, string>;
  /** The timeout in ms of the file's {@link E2eEnvironment.test}s that give none (bun's default unless given). */
  timeout?: number;
}

/**
 * Registers the `beforeAll`/`afterAll` hooks of a browser test file: starts a Warden server
 * ({@link startServer}) and Chromium before its tests; afterwards closes the browser, stops
 * the server and asserts it exited with 0 and logged no errors. The returned object is
 * filled in once `beforeAll` has run.
 */
export function useServerAndBrowser({
  env: serverEnv = {},
  timeout: fileTimeout,
}: E2eFileOptions = {}): E2eEnvironment {
  const env: Partial<E2eEnvironment> = {
    test(name, body, { anonymous, timeout = fileTimeout, ...pageOptions } = {}) {
      test(
        name,
        () =>
          withPage(
            env.browser as Browser,
            anonymous ? pageOptions : { signedInTo: env.server, ...pageOptions },
            body,
          ),
        timeout,
      );
    },
  };
  beforeAll(async () => {
    [env.server, env.browser] = await Promise.all([startServer(serverEnv), launchBrowser()]);
  }, 30_000);
  afterAll(async () => {
    await env.browser?.close();
    if (!env.server) return;
    expect(await env.server.stop()).toBe(0);
    expect(env.server.logs.filter((line) => line.level === "error")).toEqual([]);
  }, 20_000);
  return env as E2eEnvironment;
}

/** The first admin of a browser test's server (created by {@link ensureAdmin}). */
export const E2E_ADMIN = {
  email: "admin@example.test",
  username: "admin",
  displayName: "Ada Admin",
  password: "e2e-admin-password-1",
} as const;

/**
 * Creates {@link E2E_ADMIN} through the setup API if the server has no user yet (a
 * server starts with an empty database); does nothing once it exists.
 */
export async function ensureAdmin(server: WardenServer): Promise<void> {
  const res = await fetch(`${server.url}/api/v1/auth/setup`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(E2E_ADMIN),
  });
  if (res.status !== 201 && res.status !== 409)
    throw new Error(`setup failed: ${res.status} ${await res.text()}`);
}

/**
 * Signs in through the API; answers a function sending one request (a JSON body, if any)
 * with that session's bearer token and answering the raw response.
 */
export async function apiFetch(base: string, login: string, password: string) {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ login, password }),
  });
  const { accessToken } = (await res.json()) as { accessToken: string };
  return (path: string, method = "GET", body?: unknown) =>
    fetch(`${base}/api/v1${path}`, {
      method,
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${accessToken}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
}

/** Signs in through the API; answers a function calling the API with that session's token. */
export async function apiSession(base: string, login: string, password: string) {
  const send = await apiFetch(base, login, password);
  return async (path: string, method = "GET", body?: unknown) => {
    const text = await (await send(path, method, body)).text();
    return (text ? JSON.parse(text) : {}) as Record<string, unknown>;
  };
}

/** {@link apiSession} as {@link E2E_ADMIN}, created first if the server has no user yet. */
export async function adminSession(server: WardenServer) {
  await ensureAdmin(server);
  return apiSession(server.url, E2E_ADMIN.username, E2E_ADMIN.password);
}

/** A new agent enrolment token (`name`, and `maxUses` unless the API's default), made by {@link E2E_ADMIN}. */
export async function enrolmentToken(
  server: WardenServer,
  body: { name: string; maxUses?: number },
): Promise<string> {
  const api = await adminFetch(server);
  const created = await api("/hosts/enrolment-tokens", "POST", body);
  return ((await created.json()) as { token: string }).token;
}

/** {@link apiFetch} as {@link E2E_ADMIN}, created first if the server has no user yet. */
export async function adminFetch(server: WardenServer) {
  await ensureAdmin(server);
  return apiFetch(server.url, E2E_ADMIN.username, E2E_ADMIN.password);
}

/**
 * Signs `context` in as {@link E2E_ADMIN} through the sign-in form (the cookies land in
 * the context, as if the user had typed them), creating the admin first if needed.
 */
export async function signIn(context: BrowserContext, server: WardenServer): Promise<void> {
  await ensureAdmin(server);
  const res = await context.request.post(`${server.url}/login`, {
    form: { login: E2E_ADMIN.username, password: E2E_ADMIN.password },
    headers: { Origin: server.url },
    maxRedirects: 0,
  });
  if (res.status() !== 303) throw new Error(`sign-in failed: ${res.status()}`);
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

/** What {@link withPage} hands its body. */
export interface PageSession {
  context: BrowserContext;
  page: Page;
  problems: PageProblems;
}

/** Options of {@link withPage}: Playwright's context options plus the problems a test expects. */
export interface WithPageOptions extends BrowserContextOptions {
  /**
   * True for a problem line (as in {@link PageProblems.all}) the test expects, e.g. the
   * console error Chromium reports for a document that is itself a 404. Every other line fails.
   */
  allowProblem?: (line: string) => boolean;
  /** Sign the context in as {@link E2E_ADMIN} on this server before the body runs. */
  signedInTo?: WardenServer;
}

/**
 * A {@link WithPageOptions.allowProblem} for tests that submit a form the server refuses:
 * Chromium reports the 422 answer as a console error.
 */
export const allowRefusedForm = (line: string): boolean => line.includes("status of 422");

/**
 * Opens a fresh context (own cookies; desktop viewport and a light OS preference unless
 * `options` say otherwise; signed in when `signedInTo` names the server) with one page,
 * collects its problems from the start, runs `body`,
 * then asserts that the page reported no problems other than the allowed ones. The context
 * is closed whatever happens.
 */
export async function withPage(
  browser: Browser,
  options: WithPageOptions,
  body: (session: PageSession) => Promise<void>,
): Promise<void> {
  const { allowProblem, signedInTo, ...contextOptions } = options;
  const context = await browser.newContext({
    viewport: VIEWPORTS.desktop,
    colorScheme: "light",
    ...contextOptions,
  });
  try {
    if (signedInTo) await signIn(context, signedInTo);
    const page = await context.newPage();
    const problems = collectProblems(page);
    await body({ context, page, problems });
    const unexpected = problems.all().filter((line) => !allowProblem?.(line));
    expect(unexpected).toEqual([]);
  } finally {
    await context.close();
  }
}

/** Options of {@link E2eEnvironment.test}: those of {@link withPage} but `signedInTo`, and two of the test's own. */
export interface PageTestOptions extends Omit<WithPageOptions, "signedInTo"> {
  /** The context is not signed in (otherwise it is, as {@link E2E_ADMIN} on the file's server). */
  anonymous?: boolean;
  /** The test's timeout in ms (the file's, see {@link E2eFileOptions.timeout}, unless given). */
  timeout?: number;
}

/** Opens `url` in `page` and waits until the network is idle (the page's scripts have loaded and run). */
export async function openSettled(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForLoadState("networkidle");
}

/** Sets the theme cookie for the server's origin, as the theme switch would. */
export async function setThemeCookie(
  context: BrowserContext,
  baseUrl: string,
  theme: "light" | "dark",
): Promise<void> {
  await context.addCookies([{ name: "warden_theme", value: theme, url: baseUrl }]);
}
