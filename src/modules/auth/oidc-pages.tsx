/** @jsxImportSource hono/jsx */
import { type Context, Hono } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import * as oidc from "openid-client";
import { emptyForm } from "../../../views/components/form-field.tsx";
import type { LoginValues } from "../../../views/pages/auth/login.tsx";
import type { OidcProviderConfig } from "../../config/schema.ts";
import type { AppDeps } from "../../deps.ts";
import { coreDeps } from "../../kit/core-deps.ts";
import { refusalText } from "../../kit/forms.ts";
import type { AppEnv } from "../../lib/context.ts";
import { Unauthorized } from "../../lib/errors.ts";
import { requestFacts } from "../../lib/request-facts.ts";
import { setSessionCookies } from "../../lib/session-cookies.ts";
import { safeNext } from "../../middleware/auth.ts";
import { SsoRefused, userForIdentity } from "./oidc-accounts.ts";
import { beginSignIn, completeSignIn } from "./oidc-flow.ts";
import { showLogin } from "./pages.tsx";
import { signInAs } from "./sessions.ts";
import { pruneSsoSessions, rememberSsoSession } from "./sso-sessions.ts";

/**
 * Single sign-on with OpenID Connect (authorization code + PKCE), one route pair per
 * provider of `auth.oidc.providers`:
 * - GET /auth/oidc/:provider/start     to the provider's sign-in (`next` kept for afterwards)
 * - GET /auth/oidc/:provider/callback  the provider's answer: a Warden session, or the
 *   sign-in page saying why not (unknown account, domain not allowed, no role, cancelled)
 */
export function oidcPages(deps: AppDeps): Hono<AppEnv> {
  const svc = coreDeps(deps);
  const router = new Hono<AppEnv>();

  router.get("/auth/oidc/:provider/start", async (c) => {
    const provider = providerOf(deps, c.req.param("provider"));
    if (!provider) return unknownProvider(c);
    try {
      const url = await beginSignIn(c, deps, provider, safeNext(c.req.query("next")));
      return c.redirect(url.href, 303);
    } catch (error) {
      deps.log.warn("single sign-on: provider not reachable", {
        provider: provider.id,
        error: (error as Error).message,
      });
      return refusal(c, "login.ssoUnreachable", provider, 503);
    }
  });

  router.get("/auth/oidc/:provider/callback", async (c) => {
    const provider = providerOf(deps, c.req.param("provider"));
    if (!provider) return unknownProvider(c);
    const facts = requestFacts(c, deps.config);
    try {
      const { identity, next } = await completeSignIn(c, deps, provider);
      const user = await userForIdentity(svc, provider, identity, facts);
      const sessionId = Bun.randomUUIDv7();
      await pruneSsoSessions(svc.db, deps.config.get().auth.refreshTokenTtlDays * 86_400_000);
      await rememberSsoSession(svc.db, sessionId, provider.id, identity.idToken);
      const pair = await signInAs(svc, user, facts, { via: `sso:${provider.id}`, sessionId });
      setSessionCookies(c, pair, deps.config.get());
      return c.redirect(safeNext(next), 303);
    } catch (error) {
      if (error instanceof SsoRefused) return problemPage(c, refusalText(error, c.get("view").t), 403);
      if (error instanceof Unauthorized) return problemPage(c, refusalText(error, c.get("view").t), 401);
      if (error instanceof oidc.AuthorizationResponseError)
        return refusal(c, "login.ssoCancelled", provider, 401);
      deps.log.warn("single sign-on failed", { provider: provider.id, error: (error as Error).message });
      return refusal(c, "login.ssoFailed", provider, 502);
    }
  });

  const problemPage = (c: Context<AppEnv>, message: string, status: ContentfulStatusCode) =>
    showLogin(c, deps, emptyForm<LoginValues>({ next: "" }), false, { message, status });
  const refusal = (
    c: Context<AppEnv>,
    key: string,
    provider: OidcProviderConfig,
    status: ContentfulStatusCode,
  ) => problemPage(c, c.get("view").t(key, { name: provider.name }), status);
  const unknownProvider = (c: Context<AppEnv>) =>
    problemPage(c, c.get("view").t("login.ssoUnknown", { id: c.req.param("provider") ?? "" }), 404);
  return router;
}

function providerOf(deps: AppDeps, id: string | undefined): OidcProviderConfig | undefined {
  return deps.config.get().auth.oidc.providers.find((p) => p.id === id);
}
