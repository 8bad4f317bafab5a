/** @jsxImportSource hono/jsx */
import { type Context, Hono } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { emptyForm, type FormState } from "../../../views/components/form-field.tsx";
import { LoginPage, type LoginValues } from "../../../views/pages/auth/login.tsx";
import { LogoutPage, ProviderLogoutPage } from "../../../views/pages/auth/logout.tsx";
import type { AppDeps } from "../../deps.ts";
import { coreDeps } from "../../kit/core-deps.ts";
import { formErrors, parseForm, readForm } from "../../kit/forms.ts";
import type { AppEnv } from "../../lib/context.ts";
import { Unauthorized } from "../../lib/errors.ts";
import { renderViewPage } from "../../lib/htmx.tsx";
import { languagesOf } from "../../lib/i18n.ts";
import { requestFacts } from "../../lib/request-facts.ts";
import { clearSessionCookies, readSessionCookies, setSessionCookies } from "../../lib/session-cookies.ts";
import { safeNext } from "../../middleware/auth.ts";
import { countUsers } from "../users/service.ts";
import { setChallengeCookie } from "./mfa-cookie.ts";
import { passwordStep } from "./mfa-sign-in.ts";
import { providerLogout } from "./oidc-flow.ts";
import { loginSchema, logout } from "./sessions.ts";
import { takeSsoSession } from "./sso-sessions.ts";

/**
 * Signing in and out of the browser session (cookies):
 * - GET  /login    the sign-in form (to /setup while no user exists, to / when signed in)
 * - POST /login    check the credentials, set the session cookies, go to `next`; or, for an
 *                  account with a second factor (or one its role requires), on to /login/mfa
 *                  or /login/enrol (mfa-pages.tsx)
 * - POST /logout   end the session (the user menu's button) and go to /login
 * - GET  /logout   "Sign out?" with a button that posts (a link cannot sign anyone out)
 */
export function sessionPages(deps: AppDeps): Hono<AppEnv> {
  const svc = coreDeps(deps);
  const router = new Hono<AppEnv>();

  router.get("/login", async (c) => {
    if ((await countUsers(svc.db)) === 0) return c.redirect("/setup", 303);
    if (c.get("actor")) return c.redirect("/", 303);
    const form = emptyForm<LoginValues>({ next: c.req.query("next") ?? "" });
    // A half-finished two-factor sign-in ended (mfa-pages.tsx): say so above the form.
    const ended =
      c.req.query("mfa") === "expired"
        ? { message: c.get("view").t("mfa.prompt.expired"), status: 200 as const }
        : undefined;
    return showLogin(c, deps, form, false, ended);
  });

  router.post("/login", async (c) => {
    if ((await countUsers(svc.db)) === 0) return c.redirect("/setup", 303);
    const form = await readForm(c);
    const { login = "", password = "" } = form;
    const values = { login, next: form.next ?? "" };
    try {
      const credentials = await parseForm(loginSchema, { login, password });
      const next = safeNext(values.next);
      const outcome = await passwordStep(svc, credentials, next, requestFacts(c, deps.config));
      if (outcome.kind === "session") {
        setSessionCookies(c, outcome.pair, deps.config.get());
        return c.redirect(next, 303);
      }
      // Not signed in yet: the browser keeps a challenge for the second step.
      setChallengeCookie(c, outcome.token, deps.config.get());
      return c.redirect(outcome.kind === "enrol" ? "/login/enrol" : "/login/mfa", 303);
    } catch (error) {
      if (error instanceof Unauthorized) return showLogin(c, deps, { values, errors: {} }, true);
      return showLogin(c, deps, { values, errors: formErrors(error, c.get("view").t) });
    }
  });

  router.post("/logout", async (c) => {
    const actor = c.get("actor");
    const session = {
      refreshToken: readSessionCookies(c).refresh,
      sessionId: actor?.type === "user" ? actor.sessionId : undefined,
    };
    const provider = session.sessionId ? await takeSsoSession(svc.db, session.sessionId) : null;
    await logout(svc, session, requestFacts(c, deps.config));
    clearSessionCookies(c);
    const ending = provider ? await providerLogout(c, deps, provider) : null;
    if (!ending) return c.redirect("/login", 303);
    return renderViewPage(c, "logout.done", undefined, (view) => (
      <ProviderLogoutPage view={view} url={ending.url} provider={ending.provider} />
    ));
  });
  router.get("/logout", (c) => {
    if (!c.get("actor")) return c.redirect("/login", 303);
    return renderViewPage(c, "logout.title", undefined, (view) => <LogoutPage view={view} />);
  });
  return router;
}

/**
 * The sign-in page: 200 when asked for, 401 after refused credentials, 422 with field errors;
 * `problem` (with its status) when a single sign-on attempt got no session.
 */
export function showLogin(
  c: Context<AppEnv>,
  deps: Pick<AppDeps, "config" | "catalogs">,
  form: FormState<LoginValues>,
  refused = false,
  problem?: { message: string; status: ContentfulStatusCode },
) {
  const status = problem?.status ?? (refused ? 401 : Object.keys(form.errors).length > 0 ? 422 : undefined);
  const { localSignIn, oidc } = deps.config.get().auth;
  const providers = oidc.providers.map(({ id, name }) => ({ id, name }));
  return renderViewPage(c, "login.title", status, (view) => (
    <LoginPage
      view={view}
      form={form}
      refused={refused}
      providers={providers}
      localSignIn={localSignIn}
      problem={problem?.message}
      languages={languagesOf(deps.catalogs.locales)}
    />
  ));
}
