import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { Config } from "../config/schema.ts";

/** The tokens a browser session keeps in its cookies. */
export interface SessionTokens {
  accessToken: string;
  refreshToken: string;
  /** Seconds the access token lives. */
  expiresIn: number;
}

/** Cookie holding the short-lived access token of a browser session. */
export const ACCESS_COOKIE = "warden_at";
/**
 * Cookie holding the refresh token. Its path is `/`, like the access cookie's: the auth
 * middleware renews an expired browser session from it on whatever request comes next
 * (a page at any top-level path, an htmx fragment, the event stream, the WebSocket), so
 * every path Warden serves is a refresh path and no narrower cookie path would reach them
 * all. (`POST /api/v1/auth/refresh` takes the token in its body, never from the cookie.)
 * It stays HttpOnly, SameSite=Lax, Secure over HTTPS, and is rotated on every use.
 */
export const REFRESH_COOKIE = "warden_rt";

/** True when the browser talks HTTPS to us: TLS here, or a trusted proxy that says so. */
export function isSecureRequest(c: Context, config: Config): boolean {
  const { tls, trustProxy } = config.server;
  return tls.cert !== null || (trustProxy && c.req.header("X-Forwarded-Proto") === "https");
}

/** Stores a new token pair in HttpOnly, SameSite=Lax cookies (Secure over HTTPS). */
export function setSessionCookies(c: Context, pair: SessionTokens, config: Config): void {
  const base = { httpOnly: true, sameSite: "Lax", secure: isSecureRequest(c, config), path: "/" } as const;
  setCookie(c, ACCESS_COOKIE, pair.accessToken, { ...base, maxAge: pair.expiresIn });
  const refreshSeconds = config.auth.refreshTokenTtlDays * 86_400;
  setCookie(c, REFRESH_COOKIE, pair.refreshToken, { ...base, maxAge: refreshSeconds });
}

/** Removes the session cookies. */
export function clearSessionCookies(c: Context): void {
  deleteCookie(c, ACCESS_COOKIE, { path: "/" });
  deleteCookie(c, REFRESH_COOKIE, { path: "/" });
}

/** The session cookies of the request. */
export function readSessionCookies(c: Context): { access?: string; refresh?: string } {
  return { access: getCookie(c, ACCESS_COOKIE), refresh: getCookie(c, REFRESH_COOKIE) };
}
