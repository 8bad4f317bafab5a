/**
 * Browser tests of two-factor sign-in against a real `warden serve`: an authenticator app
 * set up from the profile and used at the next sign-in (the test computes the codes from
 * the secret the page shows, with RFC 6238 written out in test/helpers/totp.ts), and
 * passkeys with Chromium's virtual authenticator (DevTools protocol): register one, sign
 * out, sign in with it alone, and use it as the second step after the password.
 *
 * The pages are opened at http://localhost:<port>: WebAuthn needs a secure context and a
 * domain as its relying-party id (an IP address is refused), and localhost is both.
 * A manager (the server requires a second factor of managers) sets one up at sign-in.
 * Screenshots of the enrol pages and the code prompt (light/dark, desktop/phone) go to
 * test-results/mfa/.
 */
import { beforeAll, describe, expect } from "bun:test";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { totpCode } from "../helpers/totp.ts";
import {
  adminFetch,
  E2E_ADMIN,
  REPO_ROOT,
  setThemeCookie,
  useServerAndBrowser,
  VIEWPORTS,
} from "./helpers.ts";

const SHOTS = join(REPO_ROOT, "test-results", "mfa");
const PAT = { email: "pat@example.test", username: "pat", password: "pat-passkey-password-7" };

const MIA = { email: "mia@example.test", username: "mia", password: "mia-manager-password-3" };

// Managers must sign in with a second factor.
const e2e = useServerAndBrowser({ env: { WARDEN_AUTH_REQUIREMFAFOR: "manager" }, timeout: 60_000 });
const base = () => e2e.server.url.replace("127.0.0.1", "localhost");

/** Chromium reports a document answered with 401/422 (a refused code) as a console error. */
const allowRefused = (line: string) => /status of (401|422) /.test(line);

beforeAll(async () => {
  const api = await adminFetch(e2e.server);
  const res = await api("/users", "POST", { ...PAT, displayName: "Pat Passkey", role: "analyst" });
  expect(res.status).toBe(201);
  const mia = await api("/users", "POST", { ...MIA, displayName: "Mia Manager", role: "manager" });
  expect(mia.status).toBe(201);
  mkdirSync(SHOTS, { recursive: true });
});

async function signInWithPassword(page: Page, login: string, password: string): Promise<void> {
  await page.goto(`${base()}/login`);
  await page.getByLabel("Email or username").fill(login);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

async function signOut(page: Page): Promise<void> {
  await page.locator("details.menu > summary").click();
  await page.getByTestId("sign-out").click();
  await page.waitForURL(`${base()}/login`);
}

/** Adds Chromium's virtual authenticator (a platform one that verifies its user) to the page. */
async function virtualAuthenticator(context: BrowserContext, page: Page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
    },
  });
  return { cdp, authenticatorId };
}

/** Four screenshots of the current page: light and dark, desktop and phone. */
async function shoot(context: BrowserContext, page: Page, name: string): Promise<void> {
  for (const theme of ["light", "dark"] as const) {
    await setThemeCookie(context, base(), theme);
    for (const [size, viewport] of Object.entries(VIEWPORTS)) {
      await page.setViewportSize(viewport);
      await page.reload();
      await page.screenshot({ path: join(SHOTS, `${name}-${theme}-${size}.png`), fullPage: true });
    }
  }
  await page.setViewportSize(VIEWPORTS.desktop);
}

describe("authenticator app", () => {
  e2e.test(
    "set up from the profile with the shown secret, then sign in with a computed code",
    async ({ context, page }) => {
      await signInWithPassword(page, E2E_ADMIN.username, E2E_ADMIN.password);
      await page.waitForURL(`${base()}/`);
      await page.goto(`${base()}/profile`);
      await page.getByTestId("security-link").click();
      await page.waitForURL(`${base()}/profile/security`);
      await page.getByTestId("totp-start").click();
      await page.waitForURL(`${base()}/profile/security/totp`);
      const secret = (await page.getByTestId("totp-secret").getAttribute("data-secret")) ?? "";
      expect(secret).toMatch(/^[A-Z2-7]{32}$/);
      expect(await page.locator(".totp-qr svg").count()).toBe(1);
      await shoot(context, page, "enrol");

      await page.getByLabel("Code", { exact: true }).fill(totpCode(secret));
      await page.getByTestId("totp-confirm").click();
      await page.getByTestId("recovery-codes").waitFor();
      expect(await page.getByTestId("recovery-codes").locator("li").count()).toBe(10);
      await page.getByTestId("recovery-continue").click();
      await page.waitForURL(`${base()}/profile/security`);
      expect(await page.getByTestId("totp-panel").textContent()).toContain("10 recovery codes left");

      await signOut(page);
      await signInWithPassword(page, E2E_ADMIN.username, E2E_ADMIN.password);
      await page.waitForURL(`${base()}/login/mfa`);
      await shoot(context, page, "prompt");
      await page
        .getByLabel("Code", { exact: true })
        .fill("000000" === totpCode(secret) ? "111111" : "000000");
      await page.getByTestId("mfa-submit").click();
      await page.getByTestId("mfa-refused").waitFor();
      // The code of the next step: the one of this step was spent on the enrolment.
      await page.getByLabel("Code", { exact: true }).fill(totpCode(secret, Date.now() + 30_000));
      await page.getByTestId("mfa-submit").click();
      await page.waitForURL(`${base()}/`);
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Dashboard");
    },
    { anonymous: true, allowProblem: allowRefused },
  );
});

describe("passkeys", () => {
  e2e.test(
    "register with a virtual authenticator, sign out, sign in with the passkey alone and as the second step",
    async ({ context, page }) => {
      const { cdp, authenticatorId } = await virtualAuthenticator(context, page);

      await signInWithPassword(page, PAT.username, PAT.password);
      await page.waitForURL(`${base()}/`);
      await page.goto(`${base()}/profile/security`);
      await page.getByLabel("Name of the new passkey").fill("Test laptop");
      // The session alone adds no passkey: the person confirms with their password.
      await page.getByTestId("passkey-register").click();
      await page.getByTestId("passkey-register-error").waitFor();
      expect(await page.getByTestId("passkey-register-error").textContent()).toBe(
        "Confirm with your password, or a current code from your authenticator app.",
      );
      await page.getByLabel("Your password, or a current code").fill(PAT.password);
      await page.getByTestId("passkey-register").click();
      await page.waitForURL(`${base()}/profile/security?notice=added`);
      const rows = page.getByTestId("passkeys-panel").locator("tbody tr");
      expect(await rows.count()).toBe(1);
      expect(await rows.first().locator("input[name=name]").inputValue()).toBe("Test laptop");
      const { credentials } = await cdp.send("WebAuthn.getCredentials", { authenticatorId });
      expect(credentials).toHaveLength(1);
      expect(credentials[0]?.isResidentCredential).toBe(true);

      // Passwordless.
      await signOut(page);
      await page.screenshot({ path: join(SHOTS, "login-light-desktop.png") });
      await page.getByTestId("passkey-sign-in").click();
      await page.waitForURL(`${base()}/`);
      await page.locator("details.menu > summary").click();
      expect(await page.getByTestId("user-name").textContent()).toBe(PAT.username);

      // As the second step after the password (the account has passkeys only).
      await page.keyboard.press("Escape");
      await signOut(page);
      await signInWithPassword(page, PAT.username, PAT.password);
      await page.waitForURL(`${base()}/login/mfa`);
      expect(await page.locator('input[name="code"]').count()).toBe(0);
      await page.getByTestId("passkey-sign-in").click();
      await page.waitForURL(`${base()}/`);

      await page.goto(`${base()}/profile/security`);
      expect(await rows.first().textContent()).not.toContain("never");
      const after = await cdp.send("WebAuthn.getCredentials", { authenticatorId });
      expect(after.credentials[0]?.signCount).toBeGreaterThan(0);
    },
    // The first try without the password is refused (422), as the test means it to be.
    { anonymous: true, allowProblem: allowRefused },
  );
});

describe("auth.requireMfaFor", () => {
  e2e.test(
    "a manager without a second factor sets up a passkey at sign-in before anything else opens",
    async ({ context, page }) => {
      await virtualAuthenticator(context, page);
      await signInWithPassword(page, MIA.username, MIA.password);
      await page.waitForURL(`${base()}/login/enrol`);
      await shoot(context, page, "required");
      // Nothing else opens yet.
      await page.goto(`${base()}/incidents`);
      await page.waitForURL(/\/login\?next=/);
      await page.goto(`${base()}/login/enrol`);
      await page.getByLabel("Name of the new passkey").fill("Mia's phone");
      await page.getByTestId("passkey-register").click();
      await page.waitForURL(`${base()}/`);
      await page.goto(`${base()}/profile/security`);
      expect(await page.getByTestId("passkeys-panel").locator("tbody tr").count()).toBe(1);
    },
    { anonymous: true },
  );
});
