/**
 * Browser tests of signing in and the users & security pages against a real `warden
 * serve` that starts with an EMPTY database: first-run setup, signing out and in, the
 * protected users page, confirm dialogs, and the one-time API token secret.
 */
import { describe, expect } from "bun:test";
import type { Page } from "playwright-core";
import { E2E_ADMIN, openSettled, useServerAndBrowser } from "./helpers.ts";

const e2e = useServerAndBrowser({ timeout: 45_000 });

/**
 * Chromium reports every answer with an error status as a console error, the document's
 * own included (a form re-rendered with 401 or 422). Those are expected here; nothing else is.
 */
const allowStatus = (status: number, pathPattern: RegExp) => (line: string) =>
  line.startsWith(`console: Failed to load resource: the server responded with a status of ${status} `) &&
  pathPattern.test(line);

const heading = (page: Page) => page.getByRole("heading", { level: 1 }).textContent();
const isModal = (page: Page) => page.locator("dialog[open]").evaluate((d) => d.matches(":modal"));

async function signOut(page: Page): Promise<void> {
  await page.locator("details.menu > summary").click();
  await page.getByTestId("sign-out").click();
  await page.waitForURL(`${e2e.server.url}/login`);
}

describe("first run and signing in", () => {
  e2e.test(
    "setup of the first admin → sign out → sign in → /users → sign out → / goes to /login",
    async ({ page }) => {
      const url = e2e.server.url;
      await page.goto(`${url}/`);
      await page.waitForURL(`${url}/setup`);
      expect(await heading(page)).toBe("Set up Warden");
      expect(await page.locator("#nav").count()).toBe(0);

      // Passwords that differ: the form comes back with the error and the values kept.
      await page.getByLabel("Email").fill(E2E_ADMIN.email);
      await page.getByLabel("Username").fill(E2E_ADMIN.username);
      await page.getByLabel("Display name").fill(E2E_ADMIN.displayName);
      await page.getByLabel("Password", { exact: true }).fill(E2E_ADMIN.password);
      await page.getByLabel("Confirm password").fill("not-the-same-password-2");
      await page.getByRole("button", { name: "Create admin and sign in" }).click();
      await page.locator("#field-confirm-error").waitFor();
      expect(await page.locator("#field-confirm-error").textContent()).toContain("The passwords differ");
      expect(await page.getByLabel("Username").inputValue()).toBe(E2E_ADMIN.username);
      expect(await page.getByLabel("Password", { exact: true }).inputValue()).toBe("");
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("field-confirm");

      await page.getByLabel("Password", { exact: true }).fill(E2E_ADMIN.password);
      await page.getByLabel("Confirm password").fill(E2E_ADMIN.password);
      await page.getByRole("button", { name: "Create admin and sign in" }).click();
      await page.waitForURL(`${url}/`);
      expect(await heading(page)).toBe("Dashboard");
      await page.locator("details.menu > summary").click();
      expect(await page.getByTestId("user-name").textContent()).toBe(E2E_ADMIN.username);
      expect(await page.getByTestId("user-role").textContent()).toBe("Admin");
      await page.getByTestId("sign-out").click();
      await page.waitForURL(`${url}/login`);
      expect(await heading(page)).toBe("Sign in");

      // A wrong password: the message, the login kept, the password field focused.
      await page.getByLabel("Email or username").fill(E2E_ADMIN.username);
      await page.getByLabel("Password").fill("wrong-password-123");
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByTestId("login-refused").waitFor();
      expect(await page.getByLabel("Email or username").inputValue()).toBe(E2E_ADMIN.username);
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("field-password");

      await page.getByLabel("Password").fill(E2E_ADMIN.password);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.waitForURL(`${url}/`);
      await page.waitForLoadState("networkidle");

      // The protected users page, through the sidebar (an htmx swap of #main).
      await page.locator(".sidebar a.nav-link", { hasText: "Users" }).click();
      await page.waitForURL(`${url}/users`);
      await page.getByRole("heading", { level: 1, name: "Users" }).waitFor();
      expect(await page.getByTestId(`user-${E2E_ADMIN.username}`).textContent()).toContain(E2E_ADMIN.email);
      expect(await page.locator('.sidebar a[aria-current="page"]').getAttribute("href")).toBe("/users");

      await signOut(page);
      await page.goto(`${url}/`);
      expect(page.url()).toBe(`${url}/login`);
      expect(await heading(page)).toBe("Sign in");
    },
    {
      anonymous: true,
      allowProblem: (line) => allowStatus(422, /\/setup\)$/)(line) || allowStatus(401, /\/login\)$/)(line),
    },
  );
});

describe("users page", () => {
  e2e.test(
    "add a user, deactivate them in the confirm dialog, reset their password after an error",
    async ({ page }) => {
      const url = e2e.server.url;
      await openSettled(page, `${url}/users`);

      await page.locator("#new-user > summary").click();
      const form = page.getByTestId("create-user-form");
      await form.getByLabel("Email").fill("nora@example.test");
      await form.getByLabel("Username").fill("nora");
      await form.getByLabel("Display name").fill("Nora North");
      await form.getByLabel("Role").selectOption("analyst");
      await form.getByLabel("Initial password").fill("nora-initial-password-4");
      await form.getByRole("button", { name: "Create user" }).click();
      await page.getByTestId("notice").waitFor();
      expect(await page.getByTestId("notice").textContent()).toContain("User nora created.");
      expect(page.url()).toContain("/users?notice=created&id=");
      const row = page.getByTestId("user-nora");
      expect(await row.textContent()).toContain("Nora North");

      // Deactivate asks first; Cancel changes nothing.
      await row.getByRole("button", { name: "Deactivate" }).click();
      const dialog = page.locator("dialog[open]");
      await dialog.waitFor();
      expect(await isModal(page)).toBe(true);
      expect(await dialog.getByRole("heading").textContent()).toBe("Deactivate nora?");
      await dialog.getByRole("button", { name: "Cancel" }).click();
      expect(await page.locator("dialog[open]").count()).toBe(0);
      expect(await row.textContent()).toContain("Active");

      await row.getByRole("button", { name: "Deactivate" }).click();
      await page.getByRole("button", { name: "Deactivate nora" }).click();
      await page.getByText("nora deactivated and signed out.").waitFor();
      expect(await page.getByTestId("user-nora").textContent()).toContain("Inactive");

      // Reset password: a weak one comes back in the re-opened dialog with the reason.
      await page.getByTestId("user-nora").getByRole("link", { name: "Reset password" }).click();
      await page.locator("dialog[open]").waitFor();
      expect(await isModal(page)).toBe(true);
      await page.locator("dialog[open]").getByLabel("New password").fill("short");
      await page.getByRole("button", { name: "Set new password" }).click();
      await page.locator("dialog[open] .field-error").waitFor();
      expect(await page.locator("dialog[open] .field-error").textContent()).toBe(
        "Use at least 12 characters.",
      );
      expect(await isModal(page)).toBe(true);
      await page.locator("dialog[open]").getByLabel("New password").fill("nora-second-password-5");
      await page.getByRole("button", { name: "Set new password" }).click();
      await page.getByText("New password set for nora.").waitFor();
      expect(page.url()).not.toContain("/password");
    },
    { allowProblem: allowStatus(422, /\/users\/[^/]+\/password\)$/) },
  );
});

describe("API tokens page", () => {
  e2e.test(
    "create a token: the secret is shown once and copies; revoke it in the confirm dialog",
    async ({ page }) => {
      await page.goto(`${e2e.server.url}/`);
      await page.locator("details.menu > summary").click();
      await page.locator(".menu-panel a.menu-item", { hasText: "API tokens" }).click();
      await page.waitForURL(`${e2e.server.url}/tokens`);
      await page.getByRole("heading", { level: 1, name: "API tokens" }).waitFor();

      await page.getByLabel("Name").fill("ci-deploy");
      await page.getByLabel("Expires after (days)").fill("30");
      await page.getByRole("button", { name: "Create token" }).click();
      const secret = page.getByTestId("new-token-secret");
      await secret.waitFor();
      const token = (await secret.textContent())?.trim() ?? "";
      expect(token).toMatch(/^wdn_/);
      // The copy button only exists with JavaScript (Alpine shows it).
      await page.getByRole("button", { name: "Copy" }).click();
      await page.getByRole("button", { name: "Copied" }).waitFor();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);
      // The page URL stays the list: a reload does not repost, and shows no secret.
      expect(page.url()).toBe(`${e2e.server.url}/tokens`);

      const row = page.getByTestId("token-ci-deploy");
      await row.getByRole("button", { name: "Revoke" }).click();
      expect(await isModal(page)).toBe(true);
      await page.getByRole("button", { name: "Revoke ci-deploy" }).click();
      await page.getByText("Token ci-deploy revoked.").waitFor();
      expect(await page.getByTestId("token-ci-deploy").textContent()).toContain("Revoked");
      expect(await page.getByTestId("new-token").count()).toBe(0);
      const me = await fetch(`${e2e.server.url}/api/v1/auth/me`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      expect(me.status).toBe(401);
    },
    { permissions: ["clipboard-read", "clipboard-write"] },
  );
});
