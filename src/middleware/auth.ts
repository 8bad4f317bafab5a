import type { MiddlewareHandler } from "hono";
import type { ConfigSource } from "../config/live.ts";
import type { Authenticator } from "../kit/authenticator.ts";
import type { AppEnv } from "../lib/context.ts";
import { Unauthorized } from "../lib/errors.ts";
import { isMachinePath } from "../lib/machine-paths.ts";
import { requestFacts } from "../lib/request-facts.ts";
import { clearSessionCookies, readSessionCookies, setSessionCookies } from "../lib/session-cookies.ts";

/** Paths anyone may reach; everything else needs an authenticated actor (deny by default). */
export const PUBLIC_PATHS: ReadonlySet<string> = new Set([
  "/login",
  "/login/mfa",
  "/login/mfa/passkey/options",
  "/login/mfa/passkey",
  "/login/enrol",
  "/login/enrol/passkey/options",
  "/login/enrol/passkey",
  "/login/passkey/options",
  "/login/passkey",
  "/logout",
  "/setup",
  "/healthz",
  "/readyz",
  "/api/docs",
  "/api/v1/openapi.json",
  "/api/v1/auth/login",
  "/api/v1/auth/refresh",
  "/api/v1/auth/logout",
  "/api/v1/auth/setup",
  "/api/v1/auth/register",
  // The WebSocket authenticates itself (cookie, Sec-WebSocket-Protocol or first message).
  "/api/v1/ws",
  // Agents authenticate in their first message (their credential or an enrolment token).
  "/api/v1/agents/connect",
]);

/** Path prefixes anyone may reach. */
export const PUBLIC_PREFIXES = ["/static/", "/auth/oidc/"] as const;

/**
 * Resolves the actor of every request, for pages, the API, SSE and WebSocket alike, with the
 * auth module's `authenticator`: `Authorization: Bearer <access JWT | wdn_ API token>`, else
 * the session cookies. An expired access cookie is renewed transparently from the refresh
 * cookie (rotating it). Then denies by default: anonymous requests outside the public list
 * get 401 (API) or go to /login?next=… (pages), or to /setup while no user exists.
 */
export function authenticate(config: ConfigSource, authenticator: Authenticator): MiddlewareHandler<AppEnv> {
  return async function authenticateMiddleware(c, next) {
    c.set("actor", null);
    c.set("authVia", null);
    const isPublic = PUBLIC_PATHS.has(c.req.path) || PUBLIC_PREFIXES.some((p) => c.req.path.startsWith(p));
    if (c.req.path.startsWith("/static/")) return next();

    const header = c.req.header("Authorization");
    if (header !== undefined) {
      const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
      const actor = token ? await authenticator.fromBearer(token) : null;
      if (!actor) {
        if (isPublic) return next();
        throw new Unauthorized("The bearer token is invalid, expired or revoked.");
      }
      c.set("actor", actor);
      c.set("authVia", "bearer");
      return next();
    }

    const cookies = readSessionCookies(c);
    let actor = cookies.access ? await authenticator.fromAccessToken(cookies.access) : null;
    if (!actor && cookies.refresh) {
      try {
        const pair = await authenticator.refresh(cookies.refresh, requestFacts(c, config));
        setSessionCookies(c, pair, config.get());
        actor = await authenticator.fromAccessToken(pair.accessToken);
      } catch (error) {
        if (!(error instanceof Unauthorized)) throw error;
        clearSessionCookies(c);
      }
    }
    if (actor) {
      c.set("actor", actor);
      c.set("authVia", "cookie");
      return next();
    }
    if (isPublic) return next();
    if (isMachinePath(c.req.path)) throw new Unauthorized();
    const target = (await authenticator.needsSetup()) ? "/setup" : loginUrl(c.req.url);
    if (c.req.header("HX-Request") === "true") {
      c.header("HX-Redirect", target);
      return c.body(null, 204);
    }
    return c.redirect(target, 303);
  };
}

/** `/login?next=<path>` for the current page (only local paths are ever used as `next`). */
function loginUrl(url: string): string {
  const { pathname, search } = new URL(url);
  return pathname === "/" ? "/login" : `/login?next=${encodeURIComponent(pathname + search)}`;
}

/** Where {@link safeNext} resolves paths; any origin of our own would do. */
const OWN_ORIGIN = "http://warden.invalid";

/**
 * A `next` parameter made safe: a path that resolves on our own origin, as parsed; else `/`.
 * Control characters and backslashes are refused outright, since browsers strip the one
 * (`/<TAB>/evil.example` → `//evil.example`) and read the other as a slash.
 */
export function safeNext(next: string | undefined | null): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
  if (!next?.startsWith("/") || /[\u0000-\u001f\u007f\\]/.test(next)) return "/";
  const url = URL.parse(next, OWN_ORIGIN);
  if (url?.origin !== OWN_ORIGIN) return "/";
  return url.pathname + url.search + url.hash;
}
