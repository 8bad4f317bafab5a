/**
 * Single sign-on with OpenID Connect in a real browser, against a real `warden serve` and a
 * REAL OpenID provider (oidc-provider on another loopback port): sign-in through the
 * provider's own sign-in and consent pages creates the user with the role its groups map to;
 * an e-mail domain that is not allowed is refused with a reason and creates nobody; signing
 * out ends the Warden session and the provider's (its end-session page, back to /login); the
 * password form is kept to admins (break-glass).
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { Browser, Page } from "playwright-core";
import { listenProvider, OIDC_CLIENT, type TestProvider } from "../helpers/oidc-provider.ts";
import {
  adminFetch,
  E2E_ADMIN,
  ensureAdmin,
  launchBrowser,
  startServer,
  type WardenServer,
  withPage,
} from "./helpers.ts";

const TEST_TIMEOUT_MS = 60_000;
const PROVIDER_ID = "test-idp";

let provider: TestProvider;
let server: WardenServer;
let browser: Browser;

beforeAll(async () => {
  provider = await listenProvider();
  const providers = [
    {
      id: PROVIDER_ID,
      name: "Test IdP",
      issuer: provider.issuer,
      clientId: OIDC_CLIENT.id,
      clientSecret: OIDC_CLIENT.secret,
      roles: { "soc-analysts": "analyst" },
      allowedDomains: ["example.test"],
      createUsers: true,
    },
  ];
  [server, browser] = await Promise.all([
    startServer({ WARDEN_AUTH_OIDC_PROVIDERS: JSON.stringify(providers), WARDEN_AUTH_LOCALSIGNIN: "admins" }),
    launchBrowser(),
  ]);
  provider.start(server.url, PROVIDER_ID);
  await ensureAdmin(server);
}, 30_000);

afterAll(async () => {
  await browser?.close();
  await provider?.stop();
  if (!server) return;
  expect(await server.stop()).toBe(0);
  expect(server.logs.filter((line) => line.level === "error")).toEqual([]);
}, 20_000);

/**
 * The provider's pages load a web font from the internet (which this machine cannot reach)
 * and ask for a favicon it does not have: its problems, not Warden's.
 */
const allowProviderFont = (line: string) =>
  line.includes("fonts.googleapis.com") || line.includes(`${provider.issuer}/favicon.ico`);

/**
 * While the signed-out page goes on to the provider, the page before it may still reconnect
 * its event stream once: the session it had has ended, so that answer is a 401.
 */
const allowEndedStream = (line: string) => line.includes("status of 401") && line.includes("/events?");

/** From Warden's sign-in page through the provider's sign-in and consent pages, as `login`. */
async function signInAtProvider(page: Page, login: string): Promise<void> {
  await page.goto(`${server.url}/login`);
  await page.getByTestId(`sso-${PROVIDER_ID}`).click();
  await page.waitForURL(`${provider.issuer}/**`);
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("any password the test provider takes");
  await page.locator('button[type="submit"]').click();
  // The consent page, the first time this account meets this client.
  await page.getByRole("button", { name: "Continue" }).click();
}

async function userNamed(username: string): Promise<Record<string, unknown> | undefined> {
  const admin = await adminFetch(server);
  const users = (await (await admin("/users")).json()) as Record<string, unknown>[];
  return users.find((u) => u.username === username);
}

describe("single sign-on with OpenID Connect", () => {
  test(
    "first sign-in creates the user with the mapped role; signing out ends both sessions",
    () =>
      withPage(
        browser,
        { allowProblem: (line) => allowProviderFont(line) || allowEndedStream(line) },
        async ({ page, context }) => {
          await signInAtProvider(page, "alice");
          await page.waitForURL(`${server.url}/`);
          const alice = await userNamed("alice");
          expect(alice).toMatchObject({
            email: "alice@example.test",
            role: "analyst",
            displayName: "Alice Analyst",
          });
          expect((await page.request.get(`${server.url}/api/v1/auth/me`)).status()).toBe(200);

          // Signing out goes through the provider's end-session page and back to Warden's sign-in.
          await page.locator("details.menu > summary").click();
          await page.getByTestId("sign-out").click();
          await page.waitForURL(`${provider.issuer}/**`);
          await page.getByRole("button", { name: "Yes, sign me out" }).click();
          await page.waitForURL(`${server.url}/login`);
          const cookies = await context.cookies(server.url);
          expect(cookies.filter((c) => c.name === "warden_at" || c.name === "warden_rt")).toEqual([]);

          // The provider's session ended too: a new sign-in asks for the login again.
          await page.getByTestId(`sso-${PROVIDER_ID}`).click();
          await page.locator('input[name="login"]').waitFor();
        },
      ),
    TEST_TIMEOUT_MS,
  );

  test(
    "an e-mail domain that is not allowed is refused with the reason and creates nobody",
    () =>
      withPage(
        browser,
        { allowProblem: (line) => allowProviderFont(line) || line.includes("status of 403") },
        async ({ page }) => {
          await signInAtProvider(page, "mallory");
          await page.getByTestId("sso-refused").waitFor();
          expect(await page.getByTestId("sso-refused").textContent()).toContain("e-mail domain");
          expect(new URL(page.url()).pathname).toBe(`/auth/oidc/${PROVIDER_ID}/callback`);
          expect(await userNamed("mallory")).toBeUndefined();
        },
      ),
    TEST_TIMEOUT_MS,
  );

  test(
    "password sign-in is kept to admins: an analyst's right password is refused like a wrong one",
    async () => {
      const admin = await adminFetch(server);
      const created = await admin("/users", "POST", {
        email: "ana@example.test",
        username: "ana",
        password: "a-long-enough-password-9",
        role: "analyst",
      });
      expect(created.status).toBe(201);
      const login = (name: string, password: string) =>
        fetch(`${server.url}/api/v1/auth/login`, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ login: name, password }),
        });
      expect((await login("ana", "a-long-enough-password-9")).status).toBe(401);
      expect((await login(E2E_ADMIN.username, E2E_ADMIN.password)).status).toBe(200);
    },
    TEST_TIMEOUT_MS,
  );
});
