import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../lib/context.ts";
import { Forbidden } from "../lib/errors.ts";
import { ownOrigin } from "../lib/own-origin.ts";
import { readSessionCookies } from "../lib/session-cookies.ts";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Refuses cross-site state changes made with a browser's ambient credentials. Unsafe
 * requests that carry the session cookies, and every form post to a page (sign-in and
 * setup included), must come from our own origin: the `Origin` header must match, or,
 * without one, `Sec-Fetch-Site` must say `same-origin`. Exempt: requests with an
 * `Authorization` header (a browser never attaches one cross-site by itself, and cookies
 * are then not consulted) and API calls without session cookies (nothing ambient to abuse).
 */
export function csrfProtection(trustProxy: () => boolean): MiddlewareHandler<AppEnv> {
  return async function csrfMiddleware(c, next) {
    if (SAFE_METHODS.has(c.req.method) || c.req.header("Authorization") !== undefined) return next();
    const cookies = readSessionCookies(c);
    if (c.req.path.startsWith("/api/") && !cookies.access && !cookies.refresh) return next();
    const origin = c.req.header("Origin");
    const own = ownOrigin(c, trustProxy());
    const site = c.req.header("Sec-Fetch-Site");
    const sameOrigin = origin ? origin === own : site === "same-origin";
    if (!sameOrigin) throw new Forbidden("Cross-site request refused. Reload the page and try again.");
    return next();
  };
}
